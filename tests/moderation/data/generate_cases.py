#!/usr/bin/env python3
"""Writes screening_cases.tsv, the labelled test set of the screener.

Layout of the TSV: category<TAB>expected<TAB>text
  category: personal_info | disclosure | rude
  expected: 1 when the screener should put that label on the text, 0 when it must not.
Rude rows with expected 0 are innocent look-alikes of rude words; none may be flagged.

The sentences are written the way children write ideas on the platform (with and without
diacritics, teencode, English). Combinations are drawn with a fixed seed so the file is stable;
the test reads the committed TSV, not this script. Run: python3 generate_cases.py
"""
import os
import random
import unicodedata

rng = random.Random(20250601)
rows = []


def strip_marks(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def add(category, expected, text):
    assert "\t" not in text and "\n" not in text
    rows.append((category, expected, text))


# ---------------------------------------------------------------------------------------------
# Personal information: positives
# ---------------------------------------------------------------------------------------------
SPELL_VI = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SPELL_EN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def mobile():
    prefix = rng.choice(["03", "05", "07", "08", "09"])
    return prefix + "".join(rng.choice("0123456789") for _ in range(8))


def landline():
    area = rng.choice(["024", "028", "0236", "0225", "0274", "0292"])
    rest = 11 - len(area)
    return area + "".join(rng.choice("0123456789") for _ in range(rest))


def write_phone(number, style):
    n = number
    if style == "plain":
        return n
    if style == "433":
        return f"{n[:4]} {n[4:7]} {n[7:]}"
    if style == "433dot":
        return f"{n[:4]}.{n[4:7]}.{n[7:]}"
    if style == "433dash":
        return f"{n[:4]}-{n[4:7]}-{n[7:]}"
    if style == "334":
        return f"{n[:3]} {n[3:6]} {n[6:]}"
    if style == "pairs":
        return f"{n[:4]} {n[4:6]} {n[6:8]} {n[8:]}"
    if style == "plus84":
        return f"+84 {n[1:4]}.{n[4:7]}.{n[7:]}"
    if style == "paren84":
        return f"(+84) {n[1:4]}-{n[4:7]}-{n[7:]}"
    if style == "84":
        return "84" + n[1:]
    if style == "spaced":
        return " ".join(n)
    if style == "spelled":
        return " ".join(SPELL_VI[int(d)] for d in n)
    if style == "spelled_plain":
        return strip_marks(" ".join(SPELL_VI[int(d)] for d in n))
    if style == "mixed":
        return " ".join(SPELL_VI[int(d)] if i % 2 == 0 else d for i, d in enumerate(n))
    if style == "mixed_chunks":
        return f"{SPELL_VI[int(n[0])]} {n[1:4]} {SPELL_VI[int(n[4])]} {n[5:]}"
    if style == "english":
        return " ".join(SPELL_EN[int(d)] for d in n)
    if style == "letter_o":
        return n.replace("0", "o", 1)
    if style == "stars":
        return f"{n[:4]}*{n[4:7]}*{n[7:]}"
    raise ValueError(style)


PHONE_STYLES = ["plain", "433", "433dot", "433dash", "334", "pairs", "plus84", "paren84", "84",
                "spaced", "spelled", "spelled_plain", "mixed", "mixed_chunks", "english",
                "letter_o", "stars"]
PHONE_CARRIERS = [
    "Số điện thoại của em là {} ạ",
    "sđt của mình: {}",
    "Ai muốn tham gia câu lạc bộ thì gọi cho em số {} nhé",
    "zalo mình {} nha mọi người",
    "em muốn kết bạn với các bạn trường khác, số em là {}",
    "{} là số của mẹ em, cô gọi cho mẹ em nhé",
    "nếu cần thêm ý kiến thì liên hệ em qua {}",
    "call me {} if you want to join",
    "my phone number is {}",
    "Cháu xin để lại số điện thoại {} để các chú trả lời",
    "so dien thoai cua em la {}",
    "nhắn tin cho tớ {} nha",
    "Em đề xuất làm sân bóng, có gì gọi {}",
    "sdt bố em {} ạ",
    "số mình nè {} hihi",
]
for i in range(170):
    style = PHONE_STYLES[i % len(PHONE_STYLES)]
    number = landline() if i % 9 == 4 and style in ("plain", "433dot", "334") else mobile()
    if style in ("433", "433dot", "433dash", "plus84", "paren84", "pairs") and len(number) == 11:
        number = mobile()
    add("personal_info", 1, rng.choice(PHONE_CARRIERS).format(write_phone(number, style)))

FIRST = ["lan", "minh", "an", "bao", "thu", "ha", "nam", "linh", "khoa", "ngoc", "tuan", "vy",
         "duc", "mai", "hoang", "trang", "phuc", "quynh"]
LAST = ["nguyen", "tran", "le", "pham", "hoang", "vu", "dang", "bui", "do", "ngo"]


def local_part():
    shape = rng.randrange(5)
    f, l = rng.choice(FIRST), rng.choice(LAST)
    year = str(rng.randrange(2008, 2019))
    return [f + l + year, f + "." + l, f + "_" + l + str(rng.randrange(1, 99)), l + f, f + year][
        shape]


EMAIL_CARRIERS = [
    "email của em là {}",
    "Mọi người gửi ý kiến cho em qua {} nhé",
    "gmail của mình: {}",
    "em để lại mail {} để nhận thông tin",
    "my email is {}",
    "contact me at {}",
    "mail tớ nè {}",
    "địa chỉ thư của cháu là {} ạ",
    "có gì thì gửi thư vào {}",
]
EMAIL_WRITINGS = [
    lambda u, d, t: f"{u}@{d}.{t}",
    lambda u, d, t: f"{u} @ {d}.{t}",
    lambda u, d, t: f"{u} a còng {d} chấm {t}",
    lambda u, d, t: f"{u} a cong {d} cham {t}",
    lambda u, d, t: f"{u} a móc {d} chấm {t}",
    lambda u, d, t: f"{u} at {d} dot {t}",
    lambda u, d, t: f"{u}(at){d}(dot){t}",
    lambda u, d, t: f"{u} [at] {d} [dot] {t}",
    lambda u, d, t: f"{u} (a còng) {d} (chấm) {t}",
    lambda u, d, t: f"{u}@{d}",
    lambda u, d, t: f"{u.upper()}@{d.upper()}.{t.upper()}",
]
for i in range(60):
    writing = EMAIL_WRITINGS[i % len(EMAIL_WRITINGS)]
    domain, tld = rng.choice([("gmail", "com"), ("yahoo", "com"), ("outlook", "com"),
                              ("hotmail", "com"), ("icloud", "com"), ("fpt", "vn"),
                              ("truonghoc", "edu.vn")])
    if writing(*"abc") == "a@b" and domain not in ("gmail", "yahoo", "outlook", "hotmail"):
        domain = "gmail"
    add("personal_info", 1, rng.choice(EMAIL_CARRIERS).format(writing(local_part(), domain, tld)))

LINKS = [
    "facebook.com/{n}", "fb.com/{n}", "bit.ly/{n}3k", "https://www.youtube.com/@{n}",
    "www.{n}.com", "{n}.vn", "tiktok.com/@{n}", "https://{n}.blogspot.com", "youtu.be/x{n}9",
    "instagram.com/{n}", "{n}shop.net", "zalo.me/{n}", "{n} chấm com",
]
LINK_CARRIERS = [
    "Mọi người vào trang {} của em nhé",
    "xem video của mình ở {}",
    "em có làm trang {} để chia sẻ ý tưởng",
    "follow kênh {} của tớ",
    "link đây {}",
    "visit my page {}",
]
for i in range(40):
    name = rng.choice(FIRST) + rng.choice(LAST)
    add("personal_info", 1, rng.choice(LINK_CARRIERS).format(LINKS[i % len(LINKS)].format(n=name)))

HANDLE_SENTENCES = [
    "kết bạn với em nha @{h}",
    "fb: {H}",
    "zalo: {H}",
    "tiktok của em là {h}",
    "ig {h}",
    "insta mình là @{h}",
    "facebook của tớ là {H} nhé",
    "nick liên quân của em là {h}",
    "my insta is {h}",
    "add me on snapchat: {h}",
    "follow me on tiktok @{h}",
    "nhắn tin với mình qua zalo nha",
    "ai muốn chơi thì kết bạn với em qua facebook",
    "fb em: {H}",
    "Tik tok: @{h}",
]
for i in range(45):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    h = rng.choice([f + "_" + l, f + l + str(rng.randrange(10, 99)), f + "." + l])
    H = f"{f.capitalize()} {l.capitalize()}"
    add("personal_info", 1, HANDLE_SENTENCES[i % len(HANDLE_SENTENCES)].format(h=h, H=H))

STREETS = ["Nguyễn Trãi", "Lê Lợi", "Hoàng Cầu", "Phan Đình Phùng", "Trần Hưng Đạo", "Kim Mã",
           "Lạc Long Quân", "Cách Mạng Tháng Tám", "Hai Bà Trưng", "Quang Trung"]
ADDRESS_SENTENCES = [
    "Nhà em ở số {n} ngõ {m} phố {s}",
    "nhà mình ở ngõ {m} {s}, ai đi qua thì ghé chơi",
    "số nhà {n} đường {s} là nhà em",
    "em sống ở hẻm {n}/{m}B {s}",
    "địa chỉ nhà em là {n} {s}",
    "nha em o so {n} duong {s}",
    "em ở kiệt {m} {s}, đường vào nhà em rất tối",
    "nhà tớ ở thôn {k} xã An Bình",
    "Con ở xóm {k}, xã Tân Lập ạ",
    "địa chỉ của mình: số {n}, ngách {m}, ngõ {k} {s}",
    "I live at {n} {e} Street",
    "my address is {n} {e} Road",
    "nhà em ở chung cư {s} tòa B2 phòng {n}",
    "em ở {n}/{m} {s}",
    "mình ở tổ {k}, phường Bến Nghé, ai cùng tổ không",
]
for i in range(45):
    add("personal_info", 1, ADDRESS_SENTENCES[i % len(ADDRESS_SENTENCES)].format(
        n=rng.randrange(2, 300), m=rng.randrange(2, 120), k=rng.randrange(1, 12),
        s=rng.choice(STREETS), e=rng.choice(["Oak", "Maple", "Green", "Lake", "Hill"])))

NAMES = ["Nguyễn Thị Lan", "Trần Minh", "Lê Bảo An", "Phạm Thu Hà", "Vũ Đức Anh", "Hoàng Ngọc Mai",
         "Đặng Quốc Bảo", "Bùi Khánh Linh", "Minh Khoa", "Lan Anh"]
SCHOOLS = ["THCS Kim Đồng", "Tiểu học Lê Văn Tám", "THCS Phan Chu Trinh", "tiểu học Nguyễn Du",
           "THPT Chu Văn An", "Tiểu học Hoa Sen"]
SELF_SENTENCES = [
    "Em tên là {N}, em muốn trường có thêm cây xanh",
    "Tớ tên {F}, lớp {c} trường {S}",
    "mình là {F}, học lớp {c} trường {S}, mình muốn có thư viện mới",
    "Tên em là {N} ạ",
    "em ten la {f} hoc lop {c}",
    "My name is {F} and I am in class {c} at {E} school",
    "I'm in class {c} at {E} school and I want a new playground",
    "Họ và tên: {N}, lớp {c}",
    "Cháu là {N}, học sinh lớp {c} trường {S}",
    "em học lớp {c} trường {S}, em thấy sân trường bị ngập",
    "Em sinh ngày {d}/{m}/20{y}, em muốn góp ý về căng tin",
    "Hi, my name is {F}, I study at {E} Primary School",
    "tên của mình là {N}",
]
for i in range(52):
    n = rng.choice(NAMES)
    add("personal_info", 1, SELF_SENTENCES[i % len(SELF_SENTENCES)].format(
        N=n, F=n.split()[-1], f=strip_marks(n.split()[-1]).lower(),
        c=f"{rng.randrange(1, 10)}{rng.choice('ABCD')}{rng.choice(['', '1', '2'])}",
        S=rng.choice(SCHOOLS), E=rng.choice(["Hoa Sen", "Sunrise", "Le Loi", "Kim Dong"]),
        d=rng.randrange(1, 29), m=rng.randrange(1, 13), y=rng.randrange(10, 18)))

# ---------------------------------------------------------------------------------------------
# Personal information: hard negatives (children's ideas with numbers, classes, places, apps)
# ---------------------------------------------------------------------------------------------
PLACES = ["sân trường", "thư viện", "công viên", "nhà văn hóa phường", "căng tin", "phòng vệ sinh",
          "sân bóng", "lớp học", "hồ bơi", "khu vui chơi", "bến xe buýt", "cổng trường"]
NEEDS = ["thêm cây xanh", "thêm ghế đá", "thêm đèn chiếu sáng", "sạch sẽ hơn", "thêm thùng rác",
         "thêm sách truyện", "mở cửa cả cuối tuần", "có mái che", "thêm quạt", "có nước uống miễn phí",
         "rộng hơn", "có bác bảo vệ trông xe", "có wifi để tra cứu", "sửa lại bồn rửa tay"]
CLASSES = ["6A", "7B", "5A1", "9C", "8D", "4A", "3B2", "10A1", "12C3", "2A", "6A3", "11B"]
IDEA_TEMPLATES = [
    "Lớp {c} cần {need}.",
    "Em mong {place} {need}.",
    "Trường em có {n} học sinh nhưng chỉ có {k} nhà vệ sinh, em mong {need}.",
    "lớp {c} có {k} bạn mà chỉ có {j} cái quạt, nóng lắm ạ",
    "Em là học sinh lớp {c}, em thấy {place} cần {need}.",
    "Năm học {y}-{y1} em mong {place} {need}",
    "Ngày {d}/{m} vừa rồi {place} bị ngập, em mong {need}.",
    "Từ {h} giờ đến {h2} giờ xe cộ ở cổng trường rất đông, cần có chú công an hướng dẫn.",
    "Giá vé xe buýt là {p}.000 đồng, em mong có vé rẻ hơn cho học sinh.",
    "Tuyến xe buýt số {bus} hay đến muộn {k} phút, em hay bị trễ học.",
    "Phòng {room} và phòng {room2} bị dột khi trời mưa.",
    "Thư viện có {n} cuốn sách nhưng ít truyện tranh, em mong có thêm.",
    "Khối {g} có {k} lớp, mỗi lớp {j} bạn, sân chơi quá chật.",
    "em được {score} điểm toán mà vẫn thấy bài tập về nhà nhiều quá",
    "Cuộc thi vẽ tranh ngày {d}.{m}.20{yy} lúc {h}.30 rất vui, em mong năm sau có nữa.",
    "Lớp {c} trường {school} đề xuất trồng thêm {k} cây bàng.",
    "trường {school} nên có thêm câu lạc bộ tiếng Anh",
    "Em đi học qua đường {street}, đoạn đó không có vỉa hè",
    "Đường {street} hay tắc từ {h} giờ sáng, chúng em đi học rất vất vả.",
    "Ngõ {k2} phố {street} hay bị ngập mỗi khi mưa to",
    "Công viên ở phường em có {k} cái xích đu nhưng hỏng mất {j} cái.",
    "Em thích xem youtube và tiktok nhưng mẹ chỉ cho xem {k} phút mỗi ngày.",
    "Trên facebook có nhiều tin giả, trường nên dạy chúng em cách nhận biết.",
    "Em mong có số điện thoại đường dây nóng cho trẻ em, như tổng đài 111.",
    "Khi gặp nguy hiểm em sẽ gọi 111 hoặc 113.",
    "Mỗi ngày em đi bộ {km} km đến trường.",
    "Bể bơi rộng {area} m2 nhưng chỉ mở {k} ngày một tuần.",
    "Lớp em quyên góp được {money} đồng cho các bạn vùng lũ.",
    "năm {year} lớp em có {k} bạn được học sinh giỏi",
    "I am in class {c} and I think our playground needs more trees.",
    "Our school has {n} students and only {k} toilets.",
    "Bus number {bus} is always late, please add more buses.",
    "The library opens at {h} am and closes at {h2} pm, it should open longer.",
    "We need more books at school and a bigger library.",
    "Em thấy app zalo của lớp rất tiện để cô nhắn bài tập.",
    "Zalo là ứng dụng mà bố mẹ em dùng để nói chuyện với cô giáo.",
    "Em đề nghị mỗi tổ trong lớp {c} được trực nhật {k} ngày.",
    "Tổ {k} lớp em trồng được {j} chậu hoa.",
    "Em sinh năm 20{yy} và em mong có thêm sân chơi cho trẻ em.",
    "Điểm thi của lớp em là 8.5, 9.0 và 7.5, cô khen cả lớp.",
    "Lớp {c} có {k} bạn nữ và {j} bạn nam.",
    "em thích đọc sách ở thư viện quận {q} vì có nhiều truyện hay",
    "nhà văn hóa phường {q} cần sửa mái",
    "Em mong trường mở lớp học bơi từ ngày 01/6 đến 31/8.",
    "Tiết {k} và tiết {j} lớp em học thể dục ngoài trời nắng quá",
    "Mã số đề tài của nhóm em là {room}, mong thầy cô góp ý.",
    "Số 1 trong lớp em là bạn học giỏi nhất nhưng ai cũng được khen.",
    "Em chấm điểm cho căng tin là {score} trên 10.",
    "Hà Nội có {n} trường học, em mong trường nào cũng có sân chơi.",
    "Em ở với ông bà, nhà em gần công viên nên em hay ra đó chơi.",
    "Nhà em ở gần trường nên em đi bộ đi học, đường đi có nhiều xe.",
    "tiktok có nhiều video hay nhưng cũng nhiều video không phù hợp với trẻ em",
    "Em mong thành phố làm thêm đường dành cho xe đạp, ví dụ như trên đường {street}.",
    "lớp {c} đề nghị tổ chức hội chợ vào ngày {d} tháng {m}",
    "chúng em có {k} đội bóng, đội {c} vô địch",
    "Cô giáo lớp {c} dạy rất hay, em mong cô được khen thưởng.",
    "Em tên là gì không quan trọng, em chỉ mong trường có thêm cây xanh.",
    "trường em cách nhà {km} km, em đi xe đạp mất {k} phút",
    "quận {q} nên có thêm bể bơi công cộng",
    "em thấy các bạn lớp {c} xả rác ở {place}",
    "Sân trường em có {k} cây phượng và {j} cây bàng.",
    "Em ước có {k} phòng máy tính với {n} máy.",
]
fill = lambda: dict(
    c=rng.choice(CLASSES), place=rng.choice(PLACES), need=rng.choice(NEEDS),
    n=rng.choice([350, 800, 1200, 1500, 2000, 950, 640]), k=rng.randrange(2, 40),
    j=rng.randrange(2, 40), y=(y := rng.randrange(2020, 2027)), y1=y + 1, d=rng.randrange(1, 29),
    m=rng.randrange(1, 13), h=rng.randrange(6, 11), h2=rng.randrange(11, 18),
    p=rng.choice([3, 5, 7, 10]), bus=rng.choice(["03", "05", "32", "09", "18", "86", "07"]),
    room=rng.randrange(100, 420), room2=rng.randrange(100, 420), g=rng.randrange(1, 12),
    score=rng.choice(["9", "10", "8,5", "7"]), yy=rng.randrange(10, 26),
    school=rng.choice(SCHOOLS), street=rng.choice(STREETS), k2=rng.randrange(5, 200),
    km=rng.choice(["1,5", "2", "3", "0.5"]), area=rng.choice([200, 500, 1000]),
    money=rng.choice(["1.200.000", "500.000", "2.350.000", "15 triệu"]), year=rng.randrange(2015, 2026),
    q=rng.randrange(1, 12))
PREFIXES = ["", "", "", "Em xin góp ý: ", "Theo em, ", "Ý kiến của con: ", "Mình nghĩ là ",
            "Kính gửi các cô chú, ", "ạ ", "Dạ, "]
SUFFIXES = ["", "", "", " Em cảm ơn ạ.", " Mong các cô chú xem xét.", " hihi", " ạ", " 😊",
            " Cháu cảm ơn.", " Thank you!"]
negatives = set()
while len(negatives) < 1050:
    template = rng.choice(IDEA_TEMPLATES)
    text = rng.choice(PREFIXES) + template.format(**fill()) + rng.choice(SUFFIXES)
    if rng.random() < 0.2:
        text = strip_marks(text)
    negatives.add(text.strip())
for text in sorted(negatives):
    add("personal_info", 0, text)

# ---------------------------------------------------------------------------------------------
# Disclosures: positives (first person and indirect, Vietnamese and English)
# ---------------------------------------------------------------------------------------------
SELF_VI = ["em", "mình", "tớ", "con", "cháu"]
PARENTS = ["bố", "mẹ", "ba", "dượng", "mẹ kế", "bố dượng", "chú", "anh trai", "ông"]
DISCLOSURE_VI = [
    "{p} {s} hay đánh {s}",
    "{P} {s} say rượu về là đánh {s} với mẹ",
    "{s} bị {p} đánh bằng roi, lưng {s} có nhiều vết bầm",
    "tối nào {p} cũng chửi {s} và đánh {s}",
    "{s} sợ về nhà lắm vì {p} hay đánh",
    "{s} không dám về nhà",
    "{P} {s} tát {s} vì {s} làm vỡ cốc",
    "{s} bị {p} nhốt trong nhà vệ sinh cả đêm",
    "{s} hay bị {p} đánh đòn đau lắm",
    "Bố mẹ {s} hay đánh nhau, {s} sợ lắm",
    "{s} sợ {p} {s} lắm",
    "{s} bị bạn bắt nạt",
    "Các bạn trong lớp hay trêu chọc {s} và lấy đồ của {s}",
    "{s} bị mấy bạn lớp trên chặn đường đòi tiền",
    "không ai chơi với {s} cả, cả lớp tẩy chay {s}",
    "mấy bạn cứ chê {s} béo rồi đặt biệt danh cho {s}",
    "{s} bị các bạn đánh hội đồng ở nhà vệ sinh",
    "bạn {s} bị cô lập, các bạn đăng ảnh của bạn ấy lên mạng để chê cười",
    "{s} không muốn sống nữa",
    "nhiều lúc {s} muốn chết cho xong",
    "{s} chỉ là gánh nặng của gia đình",
    "{s} muốn tự tử",
    "{s} đã thử rạch tay",
    "sống chẳng có ý nghĩa gì nữa",
    "{s} ước gì {s} biến mất khỏi thế giới này",
    "không ai cần {s} cả",
    "có người lớn sờ vào người {s}",
    "chú hàng xóm hay sờ vào chỗ kín của {s} và bảo {s} không được nói với ai",
    "{s} bị một anh ở xóm sàm sỡ",
    "có người bắt {s} cởi quần áo để chụp ảnh",
    "một người trên mạng đòi {s} gửi ảnh nóng",
    "bạn {s} kể là chú của bạn ấy hay sờ ngực bạn ấy",
    "bạn thân của {s} bị bố dượng xâm hại",
    "thầy dạy thêm hay ôm {s} làm {s} khó chịu lắm",
    "bạn {s} bị bố đánh, người bạn ấy toàn vết bầm",
    "{s} bị bỏ đói mấy ngày rồi",
    "nhà {s} không có gì để ăn",
    "{p} không cho {s} đi học",
    "{s} bị bắt đi bán vé số không được đi học",
    "cô giáo tát {s} trước cả lớp",
    "thầy véo tai {s} đau lắm",
    "{s} bị đuổi ra khỏi nhà",
    "{p} {s} bảo {s} giữ bí mật, không được kể cho mẹ",
    "{s} mệt mỏi lắm, {s} muốn chết",
    "{s} buồn muốn chết vì bố mẹ ly hôn",
    "em ko muon song nua",
    "nhiều đêm {s} nghĩ đến việc tự tử",
    "{s} ghét bản thân mình lắm",
    "bạn {s} bảo là bạn ấy muốn chết",
]
for i, template in enumerate(DISCLOSURE_VI):
    for variant in range(3):
        s = SELF_VI[(i + variant) % len(SELF_VI)]
        p = PARENTS[(i * 3 + variant) % len(PARENTS)]
        text = template.format(s=s, p=p, P=p.capitalize())
        text = text[0].upper() + text[1:] if variant == 1 else text
        if variant == 2:
            text = strip_marks(text)
        add("disclosure", 1, text)

DISCLOSURE_EN = [
    "my dad hits me when he is drunk",
    "My stepdad beats me and my mom",
    "I'm scared to go home",
    "I am afraid of my father",
    "my friend says her uncle touches her",
    "A man in my building touched my private parts",
    "he told me to keep it a secret and not tell my mum",
    "someone online asked me for nudes",
    "I get bullied every day at school",
    "they push me and take my lunch money",
    "nobody plays with me at break time",
    "the older kids beat me up after school",
    "i want to die",
    "I want to kill myself",
    "sometimes I think about ending my life",
    "I don't want to live anymore",
    "I cut myself on purpose when I'm sad",
    "everyone would be better off without me",
    "there is no food at home and my parents are never there",
    "my mom locked me out of the house all night",
    "my teacher hit me with a ruler",
    "I got slapped by my mum again",
    "I wish I was never born",
    "my brother touches me and I don't like it",
    "they made fun of me and posted photos of me online",
    "my friend is being bullied and she cries every day",
    "my parents fight every night and dad hits mom",
    "i wanna die",
    "my uncle makes me watch adult videos",
    "I was touched by my coach",
]
for i, text in enumerate(DISCLOSURE_EN):
    add("disclosure", 1, text)
    add("disclosure", 1, text.capitalize() if i % 2 else text.upper() if i % 5 == 0 else
        text + " please help")

# ---------------------------------------------------------------------------------------------
# Disclosures: hard negatives (idioms, everyday "đánh", "bị", "sợ", awareness ideas)
# ---------------------------------------------------------------------------------------------
NEG_DISCLOSURE = [
    "Hôm nay học thể dục {s} mệt muốn chết",
    "trưa nay chưa ăn gì {s} đói muốn chết",
    "xem phim hài {s} cười chết mất",
    "phòng học nóng chết đi được, cần thêm quạt",
    "đói chết đi được, căng tin nên bán thêm đồ ăn sáng",
    "lớp học nóng chết, em mong có điều hòa",
    "{s} sợ ma lắm nên không dám đi vệ sinh ở tầng 3 vì tối",
    "{s} sợ về nhà muộn bị mẹ mắng",
    "{s} đánh răng trước khi đi ngủ",
    "bố {s} đánh cầu lông với {s} mỗi chiều",
    "cô giáo đánh giá bài của {s} rất cao",
    "mẹ đánh thức {s} lúc 6 giờ sáng",
    "{s} bị ốm nên nghỉ học hai ngày",
    "{s} bị điểm kém môn toán nên buồn",
    "{s} bị cảm vì trời mưa",
    "{s} bị muỗi đốt ở công viên vì nhiều bụi rậm",
    "trường nên có chương trình phòng chống bắt nạt",
    "em mong có buổi học kỹ năng phòng chống xâm hại cho trẻ em",
    "các bạn nên biết gọi 111 khi thấy trẻ em bị bạo lực",
    "{s} thích đá bóng với các bạn sau giờ học",
    "bố {s} dạy {s} đánh đàn",
    "{s} tắt đèn khi ra khỏi lớp để tiết kiệm điện",
    "mẹ {s} ôm {s} mỗi tối trước khi ngủ",
    "ông {s} hay kể chuyện chiến tranh, ông đánh giặc rất giỏi",
    "{s} đánh rơi chìa khóa ở sân trường",
    "{s} sợ bố mẹ lo nên luôn về đúng giờ",
    "bài kiểm tra khó chết mất",
    "trời lạnh muốn chết mà trường chưa có nước ấm",
    "{s} chán muốn chết vì không có sân chơi",
    "{s} không muốn sống ở nơi nhiều khói bụi, mong thành phố trồng thêm cây",
    "xe máy đâm vào cột điện ở ngã tư gần trường, cần có đèn giao thông",
    "các bạn nam hay đá cầu ở hành lang",
    "bạn {s} giúp {s} học toán",
    "{s} được bố mẹ đưa đi công viên cuối tuần",
    "trong truyện, nhân vật chính bị bắt nạt nhưng cuối cùng có nhiều bạn",
    "em mong trường có phòng tư vấn tâm lý cho học sinh",
    "mấy bạn lớp em chơi trò đánh trận giả rất vui",
    "{s} thấy bạo lực học đường là vấn đề cần quan tâm",
    "bố mẹ {s} dạy {s} không được nói chuyện với người lạ",
    "sờ vào ổ điện rất nguy hiểm, trường nên che ổ điện lại",
    "{s} đánh dấu những cuốn sách hay ở thư viện",
    "con mèo nhà {s} bị chó đuổi",
    "{s} sợ bóng tối",
    "{s} lo lắng vì sắp thi",
    "Cái chết của con chim làm {s} buồn",
    "cây trong sân trường chết hết vì không ai tưới",
    "thầy dạy võ dạy {s} cách đánh và đỡ đòn để tự vệ",
    "cô cho {s} xem phim hoạt hình về an toàn giao thông",
    "{s} muốn làm bác sĩ để chữa bệnh cho mọi người",
    "{s} ghét muỗi lắm",
]
NEG_DISCLOSURE_EN = [
    "I'm dying of laughter",
    "this homework is killing me",
    "I'm so bored to death in maths class",
    "I was scared to death by the ghost movie",
    "my dad and I play badminton every evening",
    "I hurt my knee playing football",
    "the ball hit me in the face during PE",
    "we should learn how to stay safe from bullying",
    "our school needs an anti-bullying club",
    "I'm dying to see the new library",
    "that cake looks to die for",
    "my mom hugs me before school",
    "I am scared of spiders",
    "I want to be a doctor when I grow up",
    "I got hit by a ball but it was an accident",
    "my teacher touched my heart with her story",
    "I'm so tired I could sleep for a week",
    "the traffic near school is killing me",
    "the heat is killing me, we need fans",
    "I love my family",
]
disclosure_negatives = set()
for template in NEG_DISCLOSURE:
    for s in SELF_VI:
        text = template.format(s=s)
        disclosure_negatives.add(text)
        disclosure_negatives.add(text[0].upper() + text[1:] + ".")
        disclosure_negatives.add(strip_marks(text))
for text in NEG_DISCLOSURE_EN:
    disclosure_negatives.add(text)
    disclosure_negatives.add(text.capitalize() + "!")
    disclosure_negatives.add(text + " lol")
for text in sorted(disclosure_negatives):
    add("disclosure", 0, text)

# ---------------------------------------------------------------------------------------------
# Rude words and their innocent look-alikes
# ---------------------------------------------------------------------------------------------
RUDE = [
    "đm thằng kia", "dm bọn mày", "đ.m lớp này", "d m ai làm bẩn sân", "dmmm", "đ m m",
    "vl thật", "vkl luôn", "clgt", "dcm", "cc", "đéo thích", "deo thich hoc", "mày ngu thế",
    "óc chó", "thằng chó kia", "lồn", "buồi", "cặc", "đụ má", "địt", "dit me", "v.l", "n.g.u",
    "ngu như bò", "đồ ngu", "fuck this school", "f.u.c.k", "shit", "sh1t", "b1tch",
    "what the fuck", "you are stupid", "this is bullshit", "idiot", "đ ụ", "đ.ụ", "l.ồ.n",
    "con đĩ", "thằng khốn nạn", "mất dạy", "câm mồm", "vcl", "đmm", "đcm", "VL", "ĐM", "Đ M",
    "fuckkkk", "Ｆｕｃｋ", "ｄｍ", "đ\u200bm", "vc\u200cl",
]
for text in RUDE:
    add("rude", 1, text)
INNOCENT = [
    "em đi học", "các bạn lớp em", "trường lớn", "cặp sách nặng", "du lịch Đà Lạt", "đi du lịch",
    "lon nước ngọt", "lớn lên em muốn làm bác sĩ", "quả bưởi", "buổi sáng", "buổi chiều",
    "cắc kè", "các em nhỏ", "đụng xe", "class 5B", "accent", "assignment", "pass the ball",
    "grass", "đeo khẩu trang", "deo khau trang khi ra duong", "em đi ngủ sớm", "em di ngu som",
    "buon ngu qua", "giấc ngủ", "ngũ cốc", "đội ngũ", "ngôn ngữ", "ngọn đèn", "con đi học",
    "đi đâu", "dụ dỗ", "du khách", "lợn con", "chó con", "con chó nhà em", "nhà em có con chó",
    "đeo kính", "đèo Hải Vân", "đẽo gỗ", "dạy học", "đi chơi", "con dao", "cá cảnh",
    "cắc cớ", "bưởi Diễn", "buổi tối", "lớn nhanh", "lòn", "lọn tóc", "lộn xộn", "buội",
    "cặp lồng", "các cô", "địa lý", "đít nồi", "đủ rồi", "đù đờ", "hello", "shell", "scunthorpe",
    "assassin", "therapist", "cocktail", "Dickens", "skills", "classic", "mass", "passage",
    "đam mê", "dâm bụt", "vải lụa", "vái lạy", "văn học", "vì lý do", "ví dụ",
    "cộng cộng", "điểm danh", "điểm 10", "ngủ ngon", "ngụ ngôn", "chó sói", "óc sáng tạo",
    "chăm chỉ", "đồ chơi", "đồ dùng học tập", "bò sữa", "thằng bé", "mẹ may áo", "bố mua máy",
]
for text in INNOCENT:
    add("rude", 0, text)

# ---------------------------------------------------------------------------------------------
# Hand-written sentences, not drawn from the templates above (first used as a held-out probe)
# ---------------------------------------------------------------------------------------------
HANDWRITTEN = [
    ('personal_info', 1, 'Cô ơi số của con là 0 9 8 7 6 5 4 3 2 1'),
    ('personal_info', 1, 'sdt:0368.111.222'),
    ('personal_info', 1, 'ai muốn chơi chung thì ib mình qua số 0583 999 000'),
    ('personal_info', 1, 'Mail cua chau: thanhbinh.2011 @ gmail . com'),
    ('personal_info', 1, 'Em tên Hoàng Bảo Ngọc, lớp 5/3 trường Tiểu học Võ Thị Sáu'),
    ('personal_info', 1, 'my instagram is @lily.tran_09'),
    ('personal_info', 1, 'nhà cháu ở 23 ngõ 5 Phạm Văn Đồng ạ'),
    ('personal_info', 1, 'Kênh youtube của em: Bé Na Vlog'),
    ('personal_info', 1, 'kb fb với tớ nha: Trần Gia Huy'),
    ('personal_info', 1, 'Mình tên Khánh Linh nè'),
    ('personal_info', 1, 'em học lớp 4A2 trường tiểu học Kim Liên'),
    ("personal_info", 0, 'Lớp 7/2 cần thêm tủ sách'),
    ("disclosure", 0, 'Lớp 7/2 cần thêm tủ sách'),
    ("personal_info", 0, 'Sân trường em rộng khoảng 2000 mét vuông'),
    ("disclosure", 0, 'Sân trường em rộng khoảng 2000 mét vuông'),
    ("personal_info", 0, 'Em thấy đường Lê Duẩn cần thêm cây xanh và ghế đá'),
    ("disclosure", 0, 'Em thấy đường Lê Duẩn cần thêm cây xanh và ghế đá'),
    ("personal_info", 0, 'Em thường vào thư viện lúc 9 giờ 30 sáng thứ bảy'),
    ("disclosure", 0, 'Em thường vào thư viện lúc 9 giờ 30 sáng thứ bảy'),
    ("personal_info", 0, 'Chúng em đã trồng 120 cây xanh trong năm 2024'),
    ("disclosure", 0, 'Chúng em đã trồng 120 cây xanh trong năm 2024'),
    ("personal_info", 0, 'Nhà em ở phường Phú Nhuận, gần chợ'),
    ("disclosure", 0, 'Nhà em ở phường Phú Nhuận, gần chợ'),
    ("personal_info", 0, 'Em thích trang web của thư viện quận vì có sách nói'),
    ("disclosure", 0, 'Em thích trang web của thư viện quận vì có sách nói'),
    ("personal_info", 0, 'Em là lớp trưởng lớp 8C và em muốn có thêm giờ sinh hoạt'),
    ("disclosure", 0, 'Em là lớp trưởng lớp 8C và em muốn có thêm giờ sinh hoạt'),
    ("personal_info", 0, 'Em mong các chú sửa đèn ở ngã tư Nguyễn Văn Trỗi – Hoàng Văn Thụ'),
    ("disclosure", 0, 'Em mong các chú sửa đèn ở ngã tư Nguyễn Văn Trỗi – Hoàng Văn Thụ'),
    ("personal_info", 0, 'Học sinh khối 9 phải học thêm đến 21 giờ, mệt lắm ạ'),
    ("disclosure", 0, 'Học sinh khối 9 phải học thêm đến 21 giờ, mệt lắm ạ'),
    ("personal_info", 0, 'Trường em có 3 dãy nhà, dãy A có 12 phòng'),
    ("disclosure", 0, 'Trường em có 3 dãy nhà, dãy A có 12 phòng'),
    ("personal_info", 0, 'số 5 là số em thích nhất'),
    ("disclosure", 0, 'số 5 là số em thích nhất'),
    ('disclosure', 1, 'dượng em hay say xỉn rồi đánh mẹ con em'),
    ('disclosure', 1, 'Tối qua ba lại đánh mẹ, em trốn trong phòng'),
    ('disclosure', 1, 'em thấy mình vô dụng, chẳng ai thương em cả'),
    ('disclosure', 1, 'Bạn Nam lớp em bị mấy anh lớp 9 đánh ở cổng trường'),
    ('disclosure', 1, 'em không muốn đi học nữa vì các bạn cứ gọi em là đồ béo'),
    ('disclosure', 1, 'ông hàng xóm hay cho em kẹo rồi bắt em ngồi lên đùi'),
    ('disclosure', 1, 'có lúc em chỉ muốn ngủ một giấc không bao giờ dậy nữa'),
    ('disclosure', 1, 'mẹ em bị bố đánh chảy máu'),
    ('disclosure', 1, 'em bị người ta nhắn tin đòi gửi ảnh không mặc quần áo'),
    ('disclosure', 1, "I don't feel safe at home"),
    ('disclosure', 1, "my sister's boyfriend keeps touching me and I told him to stop"),
    ('disclosure', 1, 'sometimes i feel like disappearing forever'),
    ('disclosure', 1, "they said they'd hurt me if I tell anyone"),
    ('disclosure', 1, 'em sợ lắm, tối nào bố cũng về say rồi đập phá đồ đạc'),
    ('disclosure', 1, 'Bạn thân em kể bố bạn ấy hay đánh bạn ấy bằng thắt lưng'),
    ("personal_info", 0, 'Bố em đánh cá ở biển'),
    ("disclosure", 0, 'Bố em đánh cá ở biển'),
    ("personal_info", 0, 'hôm nay em bị ngã xe đạp, đau chân quá'),
    ("disclosure", 0, 'hôm nay em bị ngã xe đạp, đau chân quá'),
    ("personal_info", 0, 'em sợ nhất là môn toán, khó muốn chết'),
    ("disclosure", 0, 'em sợ nhất là môn toán, khó muốn chết'),
    ("personal_info", 0, 'Trò chơi đánh trận giả rất vui'),
    ("disclosure", 0, 'Trò chơi đánh trận giả rất vui'),
    ("personal_info", 0, 'Chết thật, em quên mang vở'),
    ("disclosure", 0, 'Chết thật, em quên mang vở'),
    ("personal_info", 0, "I'm so hungry I could die"),
    ("disclosure", 0, "I'm so hungry I could die"),
    ("personal_info", 0, 'My mom always helps me with homework'),
    ("disclosure", 0, 'My mom always helps me with homework'),
    ("personal_info", 0, 'em bị cô phạt vì quên làm bài'),
    ("disclosure", 0, 'em bị cô phạt vì quên làm bài'),
    ("personal_info", 0, 'bố mẹ em hay cãi nhau vì chuyện tiền bạc'),
    ("disclosure", 0, 'bố mẹ em hay cãi nhau vì chuyện tiền bạc'),
    ("personal_info", 0, 'em muốn đi du lịch Đà Nẵng cùng gia đình'),
    ("disclosure", 0, 'em muốn đi du lịch Đà Nẵng cùng gia đình'),
    ("personal_info", 0, 'chú bảo vệ trường em rất tốt bụng'),
    ("disclosure", 0, 'chú bảo vệ trường em rất tốt bụng'),
    ('rude', 1, 'thằng l.o.z này'),
    ('rude', 1, 'mẹ kiếp'),
    ('rude', 1, 'ĐM'),
    ('rude', 1, 'cmm'),
    ('rude', 0, 'vải lụa, vai cả lớn'),
    ('rude', 0, 'em mong có lớp học vẽ'),
    ('rude', 0, 'Đù đờ quá'),
]
for category, expected, text in HANDWRITTEN:
    add(category, expected, text)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "screening_cases.tsv")
with open(path, "w", encoding="utf-8") as out:
    out.write("# Generated by generate_cases.py; category\texpected\ttext\n")
    for category, expected, text in rows:
        out.write(f"{category}\t{expected}\t{text}\n")
counts = {}
for category, expected, _ in rows:
    counts[(category, expected)] = counts.get((category, expected), 0) + 1
print(path, sorted(counts.items()))
