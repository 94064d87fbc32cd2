// The registry's money records: employers with their monthly declarations, payments, written
// reminders and rosters; schools with their primary-care attributes and insured-pupil counts;
// sponsors with their pledges and payments, households' hardship and the cards sponsors bought.
// Plain structs, safe to copy between threads. Enums with fixed values are persisted.
#pragma once

#include <cstdint>
#include <string>

#include "core/codes.h"
#include "core/date.h"
#include "core/money.h"

namespace baophu {

// An employer (đơn vị sử dụng lao động), keyed by its tax code (mã số thuế, 10 or 13 digits).
struct Employer {
  std::string tax_code;
  std::string name;
  UnitCode unit;       // where it is registered (commune or district); may be empty
  std::string sector;  // "doanh nghiệp", "hành chính sự nghiệp"... as given
  int region = 0;      // minimum-wage region (vùng) 1..4; 0 = not given
  bool operator==(const Employer&) const = default;
};

// One month's declaration (tờ khai) of an employer. Natural key (tax_code, year, month).
struct EmployerDeclaration {
  std::string tax_code;
  int year = 0;
  int month = 0;           // 1..12
  int64_t employees = 0;   // employees declared
  Money salary_fund;       // the month's salary fund on which contributions are due
  Money social_due;        // social insurance share when given (0 = not given)
  Money unemployment_due;  // unemployment insurance share when given (0 = not given)
  bool operator==(const EmployerDeclaration&) const = default;
};

// A payment by an employer. Natural key (tax_code, date, reference).
struct EmployerPayment {
  std::string tax_code;
  Date date;
  std::string reference;  // the bank document number; may be empty
  Money amount;
  bool operator==(const EmployerPayment&) const = default;
};

// A written reminder (văn bản đôn đốc) sent to an employer. Natural key (tax_code, date).
struct EmployerReminder {
  std::string tax_code;
  Date date;
  std::string reference;  // the letter's number
  bool operator==(const EmployerReminder&) const = default;
};

// A person working for an employer from a date (the roster). Natural key (tax_code, bhxh).
struct RosterEntry {
  std::string tax_code;
  BhxhNumber bhxh;
  Date from;
  bool operator==(const RosterEntry&) const = default;
};

// A school (or kindergarten) and the conditions for its primary-care fund (Decree 146 Art. 33).
struct School {
  std::string code;
  std::string name;
  UnitCode unit;
  bool medical_room = false;        // has a medical room (phòng y tế)
  bool practitioner = false;        // has a primary-care practitioner (nhân viên y tế)
  bool treatment_contract = false;  // holds an insurance treatment contract (then no fund)
  bool operator==(const School&) const = default;
};

// Pupils of a school holding a valid card (any group) for a fund period of 3, 6 or 12 months.
// Natural key (school_code, period_from).
struct SchoolPupilCount {
  std::string school_code;
  Date period_from;
  int months = 12;
  int64_t pupils = 0;          // enrolled (0 = not given)
  int64_t insured_pupils = 0;  // N: holding a valid card through any group
  bool operator==(const SchoolPupilCount&) const = default;
};

// A pupil on a school's list (from the school or the outreach work). Natural key (school, bhxh).
struct SchoolPupil {
  std::string school_code;
  BhxhNumber bhxh;
  bool operator==(const SchoolPupil&) const = default;
};

// A donor or business that buys cards for households in hardship.
struct Sponsor {
  std::string code;
  std::string name;
  std::string kind;  // "doanh nghiệp", "cá nhân", "tổ chức"
  UnitCode unit;     // may be empty
  bool operator==(const Sponsor&) const = default;
};

// Persisted: the `kind` column of sponsor funds.
enum class FundKind : uint8_t { kPledge = 1, kPayment = 2 };

// A pledge (cam kết) or a payment (đã nộp) of a sponsor. Natural key (sponsor, date, kind, reference).
struct SponsorFund {
  std::string sponsor_code;
  Date date;
  FundKind kind = FundKind::kPayment;
  std::string reference;
  Money amount;
  bool operator==(const SponsorFund&) const = default;
};

// A household's hardship, for allocating sponsors' money (poorest first). Natural key
// (household_code, as_of).
struct HouseholdHardship {
  std::string household_code;
  Date as_of;
  Money income_per_head;  // monthly income per member; the lowest is the poorest
  std::string note;
  bool operator==(const HouseholdHardship&) const = default;
};

// A card a sponsor bought for one person. Natural key (sponsor, bhxh, paid_on).
struct SponsorAllocation {
  std::string sponsor_code;
  BhxhNumber bhxh;
  std::string household_code;
  Date paid_on;
  int months = 12;
  Money amount;
  Date card_from;
  Date card_to;
  bool operator==(const SponsorAllocation&) const = default;
};

}  // namespace baophu
