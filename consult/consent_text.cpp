#include "consult/consent_text.h"

#include <algorithm>

#include "consult/age_bands.h"

namespace ln {

ConsentText consent_text_for(const std::string& age_band) {
  ConsentText t{kConsentTextVersion, age_band, "", ""};
  auto band = std::find_if(age_bands().begin(), age_bands().end(),
                           [&](const AgeBand& b) { return b.id == age_band; });
  int min_age = band == age_bands().end() ? kOldestAge : band->min_age;
  if (min_age <= 10) {
    t.vi =
        "Ở đây em có thể nói ý kiến của mình. Người lớn ở Đoàn Thanh niên sẽ đọc và trả lời em. "
        "Không ai biết tên thật của em. Em không phải trả lời nếu không muốn, và em có thể dừng "
        "lại bất cứ lúc nào. Bố mẹ hoặc người chăm sóc em cũng cần đồng ý.";
    t.en =
        "Here you can share your ideas. Grown-ups at the Youth Union will read them and answer "
        "you. "
        "Nobody sees your real name. You don't have to answer, and you can stop at any time. "
        "Your parent or carer needs to agree too.";
  } else if (min_age <= 13) {
    t.vi =
        "Ý kiến của em giúp người lớn ra quyết định về những việc liên quan đến trẻ em. Đoàn "
        "Thanh niên đọc từng ý kiến trước khi chuyển đến cơ quan có thẩm quyền, và em sẽ được "
        "biết kết quả. Em dùng biệt danh, tên thật được giữ kín và mã hoá. Em có thể rút lại sự "
        "đồng ý bất cứ lúc nào; cha mẹ hoặc người giám hộ cũng cần đồng ý.";
    t.en =
        "Your views help adults decide things that affect children. The Youth Union reads each "
        "idea before passing it to the authority responsible, and you will hear what happened. "
        "You use a nickname; your real name is kept secret and encrypted. You can withdraw at "
        "any time; a parent or guardian must agree too.";
  } else {
    t.vi =
        "Chúng tôi thu thập ý kiến và kiến nghị của em để chuyển đến cơ quan có thẩm quyền theo "
        "Luật Trẻ em 2016 và Thông tư 36/2018. Dữ liệu của em chỉ dùng cho mục đích này, được mã "
        "hoá, và chỉ cán bộ bảo vệ trẻ em mới có thể xem danh tính khi cần bảo vệ em (mỗi lần "
        "đều được ghi lại). Em có quyền xem, tải về, sửa hoặc xoá dữ liệu, và rút lại sự đồng ý "
        "bất cứ lúc nào. Việc tham gia là tự nguyện; cha mẹ hoặc người giám hộ cũng cần đồng ý.";
    t.en =
        "We collect your opinions and recommendations to forward them to the competent "
        "authorities under the Law on Children 2016 and Circular 36/2018. Your data is used only "
        "for this, is encrypted, and only a safeguarding lead can see who you are when needed to "
        "protect you (every such look is recorded). You may see, download, correct or delete "
        "your data and withdraw consent at any time. Taking part is voluntary; a parent or "
        "guardian must agree too.";
  }
  return t;
}

std::vector<GuardianConsentPart> guardian_consent_text() {
  return {
      {"collected",
       "Con dùng một biệt danh. Chúng tôi lưu biệt danh, lớp, trường, độ tuổi (không lưu ngày "
       "sinh dạng đọc được) và những gì con trả lời hoặc viết trên Lắng Nghe. Ngày sinh và tên "
       "thật (nếu có) được mã hoá.",
       "Your child uses a nickname. We keep the nickname, class, school, age group (the date of "
       "birth only encrypted) and what your child answers or writes on Lắng Nghe. The date of "
       "birth and any real name are encrypted."},
      {"why",
       "Để Đoàn Thanh niên tổng hợp ý kiến của trẻ em, chuyển đến cơ quan có thẩm quyền và báo "
       "lại kết quả cho các em (Luật Trẻ em 2016, Thông tư 36/2018). Không dùng cho việc khác.",
       "So that the Youth Union can compile children's views, forward them to the authorities "
       "responsible and tell the children what happened (Law on Children 2016, Circular "
       "36/2018). Never for anything else."},
      {"how_long",
       "Câu trả lời được giữ tối đa 1 năm sau khi đợt lấy ý kiến đóng; chỉ còn lại các con số "
       "tổng hợp. Khi rút lại sự đồng ý, danh tính của con được xoá trong vòng 15 ngày.",
       "Answers are kept at most one year after their consultation closes; only totals remain. "
       "If consent is withdrawn, your child's identity is deleted within 15 days."},
      {"who_sees",
       "Cán bộ Đoàn kiểm duyệt chỉ thấy biệt danh, độ tuổi và đơn vị. Chỉ cán bộ bảo vệ trẻ em "
       "mới được xem danh tính, khi cần bảo vệ con, và mỗi lần xem đều được ghi lại. Kết quả "
       "công bố không bao giờ nêu nhóm dưới 5 em.",
       "Youth Union moderators see only the nickname, age group and unit. Only a safeguarding "
       "lead may see who your child is, when needed to protect them, and every look is recorded. "
       "Published results never show a group of fewer than 5 children."},
      {"withdraw",
       "Bạn có thể từ chối hoặc rút lại sự đồng ý bất cứ lúc nào, dễ như khi đồng ý: trên trang "
       "\"Dành cho phụ huynh\" với mã này, hoặc báo thầy cô. Không đồng ý thì con không bị ảnh "
       "hưởng gì.",
       "You may refuse or withdraw consent at any time, as easily as you gave it: on the \"For "
       "parents\" page with this code, or by telling the teacher. Saying no has no consequences "
       "for your child."},
  };
}

}  // namespace ln
