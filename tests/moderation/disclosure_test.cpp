#include <gtest/gtest.h>

#include "tests/moderation/test_support.h"

namespace ln::moderation {
namespace {

std::string category(std::string_view text) {
  for (const auto& s : testing::screener().screen(text).spans) {
    if (s.label == "disclosure") return s.category;
  }
  return "";
}

TEST(Disclosure, FirstPersonAndIndirect) {
  EXPECT_EQ(category("bố em hay đánh em"), "violence_home");
  EXPECT_EQ(category("bo em hay danh em"), "violence_home");
  EXPECT_EQ(category("em bị bạn bắt nạt"), "bullying");
  EXPECT_EQ(category("em không muốn sống nữa"), "self_harm");
  EXPECT_EQ(category("có người lớn sờ vào người em"), "sexual_abuse");
  EXPECT_EQ(category("my friend says her uncle touches her"), "sexual_abuse");
  EXPECT_EQ(category("i want to die"), "self_harm");
  EXPECT_EQ(category("sợ về nhà"), "violence_home");
  EXPECT_EQ(category("nhà em không có gì để ăn"), "neglect");
}

TEST(Disclosure, IdiomsAreNotDisclosures) {
  for (const char* idiom :
       {"mệt muốn chết", "cười chết mất", "đói chết đi được", "nóng chết", "I'm dying of laughter",
        "this homework is killing me", "bố em đánh cầu lông", "cô đánh giá bài em", "em đánh răng",
        "em sợ về nhà muộn", "trường nên phòng chống xâm hại trẻ em"}) {
    EXPECT_EQ(category(idiom), "") << idiom;
  }
}

TEST(Disclosure, AnIdiomDoesNotHideARealDisclosure) {
  EXPECT_EQ(category("em mệt muốn chết, bố em lại đánh em"), "violence_home");
}

// Each kind outside testers saw missed, said the indirect way children say it (these sentences
// are written for the test; the corpus measures the rules on texts they were not written from).
TEST(Disclosure, EveryKindSaidIndirectly) {
  EXPECT_EQ(category("chú ấy cho em tiền rồi dặn đây là bí mật của hai chú cháu"), "grooming");
  EXPECT_EQ(category("a ấy bảo gửi ảnh ko mặc áo xong thì xóa tin nhắn đi"), "grooming");
  EXPECT_EQ(category("dượng hay lẻn vào phòng em lúc nửa đêm"), "sexual_abuse");
  EXPECT_EQ(category("mẹ kế bắt em quỳ ngoài sân đến khuya vì làm vỡ bát"), "violence_home");
  EXPECT_EQ(category("bố say rồi cầm dao đuổi mẹ ra đường"), "violence_home");
  EXPECT_EQ(category("em hay lấy dao lam rạch vào đùi rồi mặc váy dài che lại"), "self_harm");
  EXPECT_EQ(category("em đã để dành được mấy vỉ thuốc ngủ của bà"), "suicide");
  EXPECT_EQ(category("nếu em biến mất chắc cả nhà nhẹ nợ hơn"), "suicide");
  EXPECT_EQ(category("ăn xong là em móc họng cho nôn ra hết"), "eating_disorder");
  EXPECT_EQ(category("mẹ đi đâu ba ngày rồi, nhà hết gạo"), "neglect");
  EXPECT_EQ(category("em nghỉ học đi phụ hồ, lương chú cai giữ hết"), "exploitation");
  EXPECT_EQ(category("có người rủ chị em sang Campuchia làm việc nhẹ lương cao"), "trafficking");
  EXPECT_EQ(category("tụi lớp 9 chặn em ở nhà xe đòi 50k không đưa là bị đánh"), "bullying");
  EXPECT_EQ(category("tụi nó ghép ảnh em vào ảnh con heo rồi gửi cả khối"), "cyberbullying");
}

// Lexicon 2026.3: means and plans asked about as plain questions, food hidden and thrown away, a
// class poll of the ugliest, a recruiter who keeps the child's phone.
TEST(Disclosure, MeansPlansAndSignsAskedAsPlainQuestions) {
  EXPECT_EQ(category("Cho em hỏi tòa nhà Landmark cao bao nhiêu mét, tầng nào vắng người nhất ạ"),
            "suicide");
  EXPECT_EQ(category("tối qua em tìm cách ngủ mãi không dậy trên mạng"), "suicide");
  EXPECT_EQ(category("cắt xong thì làm sao cho mau lành, em sợ mẹ thấy sẹo"), "self_harm");
  EXPECT_EQ(category("em toàn giả vờ ăn rồi lén đổ cơm vào thùng rác"), "eating_disorder");
  EXPECT_EQ(category("trong nhóm lớp có bình chọn đứa béo nhất lớp, em đứng đầu"), "cyberbullying");
  EXPECT_EQ(category("tụi nó dìm em xuống ao rồi đứng trên bờ cười"), "bullying");
  EXPECT_EQ(category("chị tuyển dụng bảo điện thoại để chị giữ hộ cho tập trung làm"),
            "trafficking");
  EXPECT_EQ(category("my aunt left me and my sister and locked the door for two days"), "neglect");
  for (const std::string innocent : {
           "Cầu Long Biên cao bao nhiêu mét và xây năm nào ạ?",
           "em cắt xong tờ giấy màu thì dán lên bảng",
           "lớp em bình chọn bạn hát hay nhất lớp",
       }) {
    EXPECT_TRUE(testing::found(innocent, "disclosure").empty()) << innocent;
  }
}

// Context as data (disclosure_exceptions.tsv): a harm named as a topic, a story or a case to
// warn others about is not a disclosure, and never hides one in the same text.
TEST(Disclosure, ATopicAStoryOrAWarningIsNotADisclosure) {
  EXPECT_EQ(category("Trường nên có hộp thư kín để bạn nào bị bắt nạt có chỗ kể"), "");
  EXPECT_EQ(category("Đoàn nên làm video về phòng chống xâm hại cho học sinh tiểu học"), "");
  EXPECT_EQ(category("Phường nên cảnh báo các chiêu tuyển người đi làm việc nhẹ lương cao"), "");
  EXPECT_EQ(category("Trong phim tối qua nhân vật chính bị bắt cóc rồi tự trốn về"), "");
  EXPECT_EQ(category("Please teach us what to do if a stranger asks for photos"), "");
  EXPECT_EQ(category("Trường nên dạy về phòng chống bắt nạt vì em bị tụi lớp bên đánh hội đồng"),
            "bullying");
}

// Words that read as harm only once diacritics are gone (disclosure_exceptions.tsv, `accent`):
// written with other diacritics they are everyday words; written without any, they may be harm.
TEST(Disclosure, AWordWrittenWithOtherDiacriticsIsNotTheHarmWord) {
  for (const char* everyday :
       {"Ai cũng từ từ xếp hàng nhé", "Mẹ em bận quá nên em tự đi học",
        "Em mong có đội hiệp sĩ nhí giúp bạn qua đường", "Sáng thứ hai lớp em treo cờ",
        "Em tự cất đồ chơi vào tủ", "Áo em bị rách tay rồi", "Chú em là bộ đội biên phòng"}) {
    EXPECT_EQ(category(everyday), "") << everyday;
  }
  EXPECT_EQ(category("em muốn tự tử"), "self_harm");
  EXPECT_EQ(category("em muon tu tu"), "self_harm");
  EXPECT_EQ(category("bạn em bị bán qua biên giới"), "trafficking");
  EXPECT_EQ(category("em đã nghĩ tới chuyện treo cổ"), "self_harm");
  // The forms the rules read in their other sense stay: "dám" (dare), "để dành" (save up).
  EXPECT_EQ(category("em đã để dành được mấy vỉ thuốc ngủ của bà"), "suicide");
  // "đề nghị quận" (asking the district) is not "nghĩ quẩn" (dark thoughts).
  EXPECT_EQ(category("Tụi em đề nghị quận mở thêm sân bóng cho thiếu nhi"), "");
  EXPECT_EQ(category("dạo này em hay nghĩ quẩn lắm"), "suicide");
  EXPECT_EQ(category("dao nay em hay nghi quan lam"), "suicide");
}

// Following a parent (going along to the market) is not following one who died: the words must
// end the clause, or say where to ("lên trời").
TEST(Disclosure, GoingAlongWithAParentIsNotFollowingOneWhoDied) {
  for (const char* everyday :
       {"Chủ nhật em đi theo mẹ ra chợ bán rau, vui lắm", "tui di theo ba len nuong hai ca phe",
        "Em hay đi theo bố đi câu cá"}) {
    EXPECT_EQ(category(everyday), "") << everyday;
  }
  EXPECT_EQ(category("Bà mất rồi, con chỉ muốn đi theo bà ngoại thôi."), "suicide");
  EXPECT_EQ(category("em nho me lam, em muon di theo me len troi"), "suicide");
}

// A harm named after a frame that makes it a lesson, a question about the law, a sport or a
// story; the frame blanks only up to the harm words, so a disclosure after it is still read.
TEST(Disclosure, FramesOfLessonsSportsAndStoriesAreNotDisclosures) {
  for (const char* framed : {"Trường nên dạy cách nhận biết khi một bạn bị xâm hại",
                             "Em thắc mắc luật có cho phép bố mẹ đánh con không ạ",
                             "Đá bóng với lớp bên em bị đá trúng chân nhưng vẫn vui",
                             "Môn Ngữ văn đang học Lão Hạc, ông lão ăn bả chó để tự tử"}) {
    EXPECT_EQ(category(framed), "") << framed;
  }
  EXPECT_EQ(category("Trường nên dạy cách nhận biết xâm hại, vì chú hàng xóm hay sờ vào người em"),
            "sexual_abuse");
  // "How do I…" is a child asking about their own life, never a lesson's frame.
  EXPECT_EQ(category("ai biết làm sao để mẹ bỏ ba không, mẹ em bị đánh hoài"), "violence_home");
  // Nor does a frame reach over the child's own harm told a few words later.
  EXPECT_EQ(category("Nên có buổi dạy về an toàn vì em bị chú hàng xóm sờ vào người"),
            "sexual_abuse");
  EXPECT_EQ(category("Trường nên có clb chống bắt nạt vì em bị cô lập cả năm nay"), "bullying");
  EXPECT_NE(category("Em xem phim xong thì bị bố đánh vì thức khuya"), "");
  EXPECT_EQ(category("Đọc truyện xong em mới hiểu, bố em cũng hay đánh em như thế"),
            "violence_home");
}

// "no muốn chết" (so full one could die) is an idiom; "nó muốn chết" (he wants to die) is a friend
// in danger. Written without diacritics it stays a disclosure, unless it follows eating.
TEST(Disclosure, AFriendWhoWantsToDieIsNotAFullStomach) {
  EXPECT_EQ(category("Hôm qua bạn Lan kể với em là nó muốn chết, em sợ lắm"), "self_harm");
  EXPECT_EQ(category("ban Lan ke voi em la no muon chet, em so lam"), "self_harm");
  // Near a meal it is still a friend who wants to die: the words around cannot tell "nó" from "no".
  EXPECT_EQ(category("Bạn em không ăn gì cả, nó muốn chết"), "self_harm");
  EXPECT_EQ(category("Hôm qua ăn cơm xong bạn em nói nó muốn chết"), "self_harm");
  EXPECT_EQ(category("ban em khong an gi ca, no muon chet"), "self_harm");
  for (const char* full : {"Tiệc sinh nhật bạn Hà có lẩu, em ăn no muốn chết luôn",
                           "Tết này ăn bánh chưng no mún chết", "no gan chet vi an buffet"}) {
    EXPECT_EQ(category(full), "") << full;
  }
}

// Lexicon 2026.8: ways of saying it the development part's newest writers used (these sentences
// are written for the test, not taken from the corpus).
TEST(Disclosure, LexiconTwentySixEightWaysOfSayingIt) {
  EXPECT_EQ(category("em muốn biết uống bao nhiêu viên thuốc an thần thì đủ"), "suicide");
  EXPECT_EQ(category("co cach nao de ra di ma khong dau khong a"), "suicide");
  EXPECT_EQ(category("mọi người chắc sẽ nhẹ nhõm hơn nếu không có em"), "suicide");
  EXPECT_EQ(category("honestly nobody would even miss me"), "suicide");
  EXPECT_EQ(category("ăn xong là em uống nước muối cho nôn ra"), "eating_disorder");
  EXPECT_EQ(category("chủ lò nói con nít làm công rẻ nên bắt tụi em bưng gạch"), "exploitation");
  EXPECT_EQ(category("em phải nghỉ học để đi bán hàng rong với dì"), "exploitation");
  EXPECT_EQ(category("hai chị em ăn cơm với muối cả tuần nay"), "neglect");
  EXPECT_EQ(category("cổ tay nhỏ bạn em chi chít vết cắt"), "self_harm");
  EXPECT_EQ(category("dượng say là cầm gậy đuổi má chạy khắp xóm"), "violence_home");
  // A story about a child somewhere else is no child of ours leaving school.
  EXPECT_EQ(category("Trên ti vi có một bạn nhỏ phải nghỉ học đi chăn trâu thuê, em muốn gửi sách"),
            "");
}

// Lexicon 2026.10: "từ từ" (slowly) typed bare reads "tu tu", as "tự tử" does. Where it can only
// mean slowly and was written with no diacritics, it is no disclosure; "tự tử" keeps its own.
TEST(Disclosure, SlowlyTypedBareIsNotSuicide) {
  for (const char* slowly :
       {"co giao dan cat giay phai cat tu tu khong dut tay", "em trai em dang tap tu tu dap xe",
        "cau nay kho, minh giai tu tu tung buoc nha", "Từ từ thôi bạn ơi, đường trơn lắm"}) {
    EXPECT_EQ(category(slowly), "") << slowly;
  }
  EXPECT_EQ(category("Tự tử thôi, sống làm gì nữa"), "self_harm");
  EXPECT_EQ(category("chac tao tu tu thoi, khong ai can tao"), "self_harm");
  EXPECT_EQ(category("em muon tu tu"), "self_harm");
  // Opening a sentence, or after "đi", "nói", "cứ", bare "tu tu" is suicide as often as "slowly",
  // and with its diacritics it is only ever suicide.
  for (const char* suicide :
       {"Nó uống thuốc. Tu tu roi.", "Tu tu nha, tao met lam roi", "Tao đi tự tử đây",
        "Em mệt quá rồi, chắc em đi tự tử cho xong", "Tự tử rồi em sẽ được yên",
        "Tự tử thôi bạn ơi, chán lắm rồi", "ban em noi tu tu cho xong"}) {
    EXPECT_EQ(category(suicide), "self_harm") << suicide;
  }
  // A day of the week is no last letter; a last letter still is.
  EXPECT_EQ(category("e đề xuất thứ 6 cuối tháng được mặc đồ tự do"), "");
  EXPECT_EQ(category("em viết thư cuối cho mẹ rồi"), "suicide");
}

// A story, a film, a song or a lesson makes harm words someone else's, but not when the child
// says the harm is their own in the same breath; and "sống" (to live) is no song.
TEST(Disclosure, AFrameDoesNotHideTheChildsOwnHarm) {
  EXPECT_EQ(category("Em không muốn sống nữa, em muốn tự tử"), "self_harm");
  EXPECT_EQ(category("Sống làm gì nữa, tự tử cho xong"), "self_harm");
  EXPECT_NE(category("em song voi di, ngay nao cung bi danh"), "");
  EXPECT_EQ(category("Xem phim xong em nghĩ tới tự tử, vì em cũng như nhân vật đó"), "self_harm");
  EXPECT_NE(category("Bài hát này làm em khóc, vì em cũng bị bố đánh như trong đó"), "");
  EXPECT_NE(category("Em đọc truyện xong thì bố vào giật sách rồi đánh em bằng roi"), "");
  EXPECT_NE(category("Tình huống của em là ở nhà em bị bố dượng đánh suốt"), "");
  // Someone else's harm in a film or the news, even with the child watching, stays a story.
  EXPECT_EQ(category("Trong phim Hàn em xem, cô gái bị bạn cùng lớp bắt nạt"), "");
  EXPECT_EQ(category("Bản tin chiều nói có nhóm người dụ trẻ em sang Campuchia làm việc"), "");
}

// Everyday words blanked as idioms must not take a plain harm with them: "đánh bà" is no "đánh
// bả", "đấm mẹ" no "đam mê", "đấm vào tường" no crash, "bị đánh từ hồi…" no "đánh từ".
TEST(Disclosure, EverydayExceptionsDoNotHideHarm) {
  EXPECT_EQ(category("Ông ngoại em đánh bà ngoại bằng gậy, ngày nào em cũng phải thấy"),
            "violence_home");
  EXPECT_EQ(category("bố đấm mẹ thật, em có ghi âm lại"), "violence_home");
  EXPECT_EQ(category("tối qua lại nghe dượng đấm mạ ở phòng bên"), "violence_home");
  EXPECT_EQ(category("em tự đấm vào tường tới khi tay sưng lên"), "self_harm");
  EXPECT_NE(category("mẹ t bị đánh từ hồi t học lớp 2 tới giờ"), "");
  EXPECT_NE(category("e muốn chết thật sự chứ ko phải đùa"), "");
  for (const char* everyday :
       {"em có đam mê vẽ tranh", "đi đám ma ông hàng xóm", "sang mai ca nha tui di dam ma ong co",
        "co chu nhiem bao ban nao co dam me Toan thi dang ky",
        "Chết thật, em quên làm bài tập rồi"}) {
    EXPECT_EQ(category(everyday), "") << everyday;
  }
}

// Said plainly, the way the development part's plain-spoken writers (82–88) said it.
TEST(Disclosure, PlainWordsOfAPlanTouchAndATaunt) {
  EXPECT_EQ(category("mk mua thuốc ngủ r, đủ 2 vỉ, đợi tối ba mẹ ngủ là uống hết"), "suicide");
  EXPECT_EQ(category("tối nay em sẽ uống hết 2 vỉ thuốc ngủ"), "suicide");
  EXPECT_EQ(category("chú chủ nhà trọ hay kêu nó vô phòng sờ người nó"), "sexual_abuse");
  EXPECT_EQ(category("the whole class sends me messages telling me to die"), "cyberbullying");
  EXPECT_EQ(category("everyone in the group chat says i should die"), "cyberbullying");
  EXPECT_EQ(category("my friend says she will kill herself tonight"), "suicide");
  EXPECT_EQ(category("chú say rượu về là đánh cô"), "violence_home") << "đánh cô is no đánh cờ";
  EXPECT_EQ(category("bố em đánh cờ với ông cả buổi chiều"), "");
  EXPECT_EQ(category("bo em danh co tuong voi ong ca chieu"), "");
}

TEST(Disclosure, RoutesToSafeguarding) {
  const auto verdict = testing::screener().screen("Bố em hay đánh em, đm");
  EXPECT_EQ(verdict.route, "safeguarding");
  EXPECT_EQ(verdict.labels, (std::vector<std::string>{"disclosure", "rude"}));
  ASSERT_FALSE(verdict.spans.empty());
  EXPECT_EQ(testing::span_text("Bố em hay đánh em, đm", verdict.spans.front()),
            "Bố em hay đánh em");
  EXPECT_EQ(verdict.spans.front().rule, "disclosure.violence_home.vi");
  EXPECT_EQ(verdict.spans.front().severity, 6);
}

}  // namespace
}  // namespace ln::moderation
