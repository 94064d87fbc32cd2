// The scope check of a row that names a stored person by BHXH number (money kinds naming
// employees or pupils): with ImportOptions::unit_scope, a number stored outside the user's
// units is rejected with ImportEnv::NumberOutOfScope, which says nothing about that person.
#include "ingest/row_handler.h"

namespace baophu {

bool PersonWithinScope(RowCtx& ctx, const ImportEnv& env, int col, BhxhNumber bhxh, Status* status) {
  if (!env.unit_scope || !status->ok() || !bhxh.valid()) return true;
  auto p = env.store->FindPerson(bhxh);
  if (!p.ok()) {
    *status = p.status();
    return true;
  }
  // A number nobody holds yet is not someone else's: it goes in as for an administrator.
  if (!p->has_value() || (!(*p)->commune.empty() && env.unit_scope((*p)->commune.str()))) return true;
  ctx.Error(col, bhxh.ToString(), ImportEnv::NumberOutOfScope());
  return false;
}

}  // namespace baophu
