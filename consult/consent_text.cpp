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

}  // namespace ln
