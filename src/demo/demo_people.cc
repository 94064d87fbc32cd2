#include "demo/demo_people.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "demo/demo_dates.h"

namespace baophu::demo {
namespace {

struct Weighted {
  std::string_view text;
  int weight;
};

// Frequencies are rough national ones, leaning south (Huỳnh, Võ) with Khmer surnames (Thạch,
// Danh, Sơn) present as in the Mekong delta.
constexpr Weighted kSurnames[] = {
    {"Nguyễn", 310}, {"Trần", 110}, {"Lê", 90}, {"Phạm", 60}, {"Huỳnh", 50}, {"Võ", 45},
    {"Phan", 40},    {"Hoàng", 30}, {"Vũ", 20}, {"Đặng", 20}, {"Bùi", 20},  {"Đỗ", 18},
    {"Hồ", 18},      {"Ngô", 18},   {"Trương", 15}, {"Dương", 12}, {"Lý", 10}, {"Lâm", 10},
    {"Đinh", 8},     {"Mai", 8},    {"Châu", 8}, {"Tô", 6},   {"Thạch", 8}, {"Danh", 6},
    {"Sơn", 5},      {"Quách", 5},  {"La", 4},   {"Tạ", 5},   {"Cao", 6},   {"Lương", 6},
    {"Đoàn", 8},     {"Trịnh", 6},  {"Lưu", 5},  {"Kiều", 3}, {"Từ", 3},    {"Triệu", 4},
};
constexpr Weighted kMiddleMale[] = {
    {"Văn", 350}, {"Minh", 80}, {"Hữu", 60}, {"Đức", 50}, {"Quốc", 50}, {"Thanh", 45},
    {"Hoàng", 45}, {"Công", 40}, {"Tấn", 40}, {"Ngọc", 30}, {"Thành", 30}, {"Gia", 35},
    {"Trọng", 30}, {"Xuân", 20}, {"Chí", 20}, {"Anh", 20}, {"Nhật", 20}, {"Bảo", 20},
    {"Duy", 15}, {"Đăng", 10}, {"Phước", 15}, {"Trung", 15},
};
constexpr Weighted kMiddleFemale[] = {
    {"Thị", 400}, {"Ngọc", 80}, {"Thu", 50}, {"Thanh", 50}, {"Kim", 50}, {"Mỹ", 40},
    {"Bích", 30}, {"Hồng", 40}, {"Diệu", 20}, {"Phương", 30}, {"Minh", 30}, {"Khánh", 20},
    {"Bảo", 20}, {"Tuyết", 15}, {"Hoài", 15}, {"Thùy", 20}, {"Cẩm", 15}, {"Quỳnh", 15},
};
constexpr Weighted kGivenMale[] = {
    {"An", 20}, {"Bảo", 15}, {"Bình", 20}, {"Cường", 20}, {"Duy", 15}, {"Dũng", 25},
    {"Đạt", 20}, {"Đức", 15}, {"Hải", 20}, {"Hào", 10}, {"Hiếu", 15}, {"Hòa", 15},
    {"Hoàng", 10}, {"Hùng", 25}, {"Huy", 25}, {"Khải", 10}, {"Khang", 15}, {"Khánh", 15},
    {"Khoa", 15}, {"Kiên", 10}, {"Lâm", 10}, {"Lộc", 15}, {"Long", 20}, {"Luân", 10},
    {"Minh", 25}, {"Nam", 25}, {"Nghĩa", 15}, {"Nhân", 15}, {"Phát", 15}, {"Phong", 15},
    {"Phúc", 20}, {"Phước", 15}, {"Quang", 15}, {"Quân", 15}, {"Sang", 10}, {"Sơn", 20},
    {"Tài", 15}, {"Tâm", 15}, {"Tân", 10}, {"Thái", 10}, {"Thắng", 15}, {"Thành", 20},
    {"Thiện", 10}, {"Thịnh", 15}, {"Toàn", 15}, {"Trí", 15}, {"Trung", 15}, {"Tú", 10},
    {"Tuấn", 25}, {"Tùng", 10}, {"Việt", 15}, {"Vinh", 15}, {"Vũ", 10}, {"Hưng", 15},
    {"Hậu", 10}, {"Tín", 10}, {"Lực", 5}, {"Khôi", 10}, {"Kiệt", 10}, {"Nhựt", 8},
};
constexpr Weighted kGivenFemale[] = {
    {"Anh", 20}, {"Bích Ngọc", 8}, {"Châu", 10}, {"Chi", 15}, {"Diễm", 10}, {"Dung", 15},
    {"Duyên", 10}, {"Giang", 10}, {"Hà", 15}, {"Hạnh", 15}, {"Hằng", 15}, {"Hiền", 15},
    {"Hoa", 15}, {"Hồng", 10}, {"Huệ", 10}, {"Hương", 20}, {"Huyền", 15}, {"Lan", 20},
    {"Liên", 10}, {"Linh", 20}, {"Loan", 10}, {"Mai", 20}, {"My", 15}, {"Nga", 15},
    {"Ngân", 15}, {"Ngọc", 15}, {"Nhi", 15}, {"Nhung", 15}, {"Oanh", 10}, {"Phương", 15},
    {"Quyên", 10}, {"Quỳnh", 10}, {"Tâm", 10}, {"Thảo", 20}, {"Thơ", 10}, {"Thu", 10},
    {"Thủy", 15}, {"Thúy", 10}, {"Trang", 20}, {"Trâm", 10}, {"Trinh", 10}, {"Tuyết", 10},
    {"Uyên", 10}, {"Vân", 15}, {"Vy", 15}, {"Xuân", 10}, {"Yến", 15}, {"Kim Ngân", 5},
    {"Ngọc Hân", 5}, {"Bảo Trân", 5}, {"Thanh Tâm", 5}, {"Diệu Linh", 5},
};

// Share of the population (per ten thousand) by 5-year age band, 0-4 ... 95-99; Vietnam,
// census 2019, rounded.
constexpr int kPyramid[20] = {810, 860, 760, 680, 700, 800, 840, 780, 720, 660,
                              600, 530, 430, 310, 190, 130, 100, 60,  30,  10};

template <size_t N>
struct Table {
  std::array<uint32_t, N + 1> cum{};
  constexpr explicit Table(const Weighted (&w)[N]) {
    for (size_t i = 0; i < N; ++i) cum[i + 1] = cum[i] + static_cast<uint32_t>(w[i].weight);
  }
  uint16_t Pick(DemoRng* rng) const {
    uint32_t u = rng->Below(cum[N]);
    return static_cast<uint16_t>(std::upper_bound(cum.begin(), cum.end(), u) - cum.begin() - 1);
  }
};

constexpr Table kSurnameT(kSurnames);
constexpr Table kMiddleMaleT(kMiddleMale);
constexpr Table kMiddleFemaleT(kMiddleFemale);
constexpr Table kGivenMaleT(kGivenMale);
constexpr Table kGivenFemaleT(kGivenFemale);

// Cumulative single-year weights for ages 0..99.
struct AgeCdf {
  std::array<uint32_t, 101> cum{};
  constexpr AgeCdf() {
    for (int a = 0; a < 100; ++a) cum[a + 1] = cum[a] + static_cast<uint32_t>(kPyramid[a / 5]);
  }
};
constexpr AgeCdf kAges;

std::string_view Middle(const DemoPerson& p) {
  return p.sex == kMale ? kMiddleMale[p.middle].text : kMiddleFemale[p.middle].text;
}
std::string_view Given(const DemoPerson& p) {
  return p.sex == kMale ? kGivenMale[p.given].text : kGivenFemale[p.given].text;
}

void Name(DemoRng* rng, DemoPerson* p) {
  if (p->sex == kMale) {
    p->middle = kMiddleMaleT.Pick(rng);
    p->given = kGivenMaleT.Pick(rng);
    if (kMiddleMale[p->middle].text == kGivenMale[p->given].text) p->middle = 0;  // "Văn"
  } else {
    p->middle = kMiddleFemaleT.Pick(rng);
    p->given = kGivenFemaleT.Pick(rng);
    if (kGivenFemale[p->given].text.find(kMiddleFemale[p->middle].text) != std::string_view::npos)
      p->middle = 0;  // "Thị"
  }
}

// A birth date such that the person is `age` on `ref`.
int32_t BirthFor(DemoRng* rng, int32_t ref, int age) {
  int y, m, d;
  Ymd(ref, &y, &m, &d);
  // The latest birth date for this age is ref - age years; go back up to 364 days more.
  int ly = y - age;
  int32_t latest = Days(ly, m, std::min(d, MonthLength(ly, m)));
  return latest - static_cast<int32_t>(rng->Below(365));
}

}  // namespace

void WriteName(const DemoPerson& p, CsvOut* out) {
  out->Str(kSurnames[p.surname].text).Ch(' ').Str(Middle(p)).Ch(' ').Str(Given(p));
}

std::string FullName(const DemoPerson& p) {
  std::string s(kSurnames[p.surname].text);
  s += ' ';
  s += Middle(p);
  s += ' ';
  s += Given(p);
  return s;
}

int PyramidAge(DemoRng* rng, int lo, int hi) {
  lo = std::clamp(lo, 0, 99);
  hi = std::clamp(hi, lo, 99);
  uint32_t a = kAges.cum[static_cast<size_t>(lo)], b = kAges.cum[static_cast<size_t>(hi) + 1];
  uint32_t u = a + rng->Below(b - a);
  return static_cast<int>(std::upper_bound(kAges.cum.begin(), kAges.cum.end(), u) - kAges.cum.begin() - 1);
}

int MakeHousehold(DemoRng* rng, int32_t ref, int max_size, DemoPerson* members) {
  // Household sizes 1..8 (per thousand), mean about 3.6.
  static constexpr uint32_t kSizeCum[9] = {0, 90, 270, 480, 730, 870, 950, 985, 1000};
  uint32_t u = rng->Below(1000);
  int size = 1;
  while (size < kMaxHousehold && u >= kSizeCum[size]) ++size;
  size = std::min(size, std::max(1, max_size));

  int head_age = PyramidAge(rng, size == 1 ? 20 : 30, 95);
  DemoPerson& head = members[0];
  head = DemoPerson{};
  head.sex = rng->PerMille(760) ? kMale : kFemale;
  head.surname = kSurnameT.Pick(rng);
  head.birth = BirthFor(rng, ref, head_age);
  head.relation = 0;
  Name(rng, &head);
  uint16_t line_surname = head.surname;  // children take the father's surname
  int n = 1;
  if (size >= 2 && rng->PerMille(880)) {
    DemoPerson& sp = members[n++];
    sp = DemoPerson{};
    sp.sex = head.sex == kMale ? kFemale : kMale;
    sp.surname = kSurnameT.Pick(rng);
    int a = std::clamp(head_age + (head.sex == kMale ? rng->Range(-8, 2) : rng->Range(-2, 8)), 18, 99);
    sp.birth = BirthFor(rng, ref, a);
    sp.relation = 1;
    Name(rng, &sp);
    if (sp.sex == kMale) line_surname = sp.surname;
  }
  bool has_parent = false;
  while (n < size) {
    DemoPerson& m = members[n++];
    m = DemoPerson{};
    m.sex = rng->PerMille(512) ? kMale : kFemale;
    int age;
    if (head_age >= 50 && rng->PerMille(300)) {
      m.relation = 3;  // grandchild
      age = rng->Range(0, std::min(22, head_age - 40));
      m.surname = line_surname;
    } else if (!has_parent && head_age <= 58 && rng->PerMille(120)) {
      m.relation = 4;  // a parent of the head
      has_parent = true;
      age = PyramidAge(rng, head_age + 20, std::min(99, head_age + 36));
      m.surname = m.sex == kMale ? head.surname : kSurnameT.Pick(rng);
    } else {
      m.relation = 2;  // child
      age = head_age - rng->Range(20, 40);
      if (age < 0) age = rng->Range(0, std::max(0, head_age - 20));
      m.surname = line_surname;
    }
    m.birth = BirthFor(rng, ref, age);
    Name(rng, &m);
  }
  return n;
}

namespace {

// A keyed bijection of [0, limit) (limit <= 2^bits): rounds of add-key, multiply by an odd
// constant and xor-shift are each bijective mod 2^bits; cycle-walking brings values >= limit
// back into range. Consecutive serials thus get scattered, unique numbers.
uint64_t Permute(uint64_t x, int bits, uint64_t limit, uint64_t key) {
  const uint64_t mask = (uint64_t{1} << bits) - 1;
  do {
    for (int r = 0; r < 4; ++r) {
      x = (x + (key >> (r * 13))) & mask;
      x = (x * 0x2545F4914F6CDD1Dull) & mask;
      x ^= x >> (bits / 2 + r % 2);
    }
  } while (x >= limit);
  return x;
}

}  // namespace

IdIssuer::IdIssuer(uint64_t seed) : bhxh_serial_(100, 0), cccd_serial_(100 * 4 * 100, 0) {
  uint64_t s = seed ^ 0x1D155EEDull;
  bhxh_mul_ = SplitMix64(&s);  // keys
  bhxh_add_ = SplitMix64(&s);
  cccd_mul_ = SplitMix64(&s);
  cccd_add_ = SplitMix64(&s);
}

int64_t IdIssuer::NextBhxh(int province) {
  uint64_t serial = bhxh_serial_[static_cast<size_t>(province)]++;
  uint64_t low = Permute(serial, 27, 100000000, bhxh_mul_ ^ (bhxh_add_ * static_cast<uint64_t>(province + 1)));
  return static_cast<int64_t>(static_cast<uint64_t>(province) * 100000000 + low);
}

uint64_t IdIssuer::NextCccd(int province, uint8_t sex, int birth_year) {
  int century_sex = (birth_year >= 2000 ? 2 : 0) + (sex == kFemale ? 1 : 0);
  int yy = birth_year % 100;
  size_t k = (static_cast<size_t>(province) * 4 + static_cast<size_t>(century_sex)) * 100 + static_cast<size_t>(yy);
  uint64_t serial = cccd_serial_[k]++;
  uint64_t low = Permute(serial, 20, 1000000, cccd_mul_ ^ (cccd_add_ * (k + 1)));
  // 0PP C YY NNNNNN
  return ((static_cast<uint64_t>(province) * 10 + static_cast<uint64_t>(century_sex)) * 100 +
          static_cast<uint64_t>(yy)) * 1000000 + low;
}

}  // namespace baophu::demo
