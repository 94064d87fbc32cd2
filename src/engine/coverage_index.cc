// The coverage index's queries and updates live in index_impl.h (one class, used by the
// builder, the snapshot and the flow queries); this file holds nothing else yet.
#include "engine/index_impl.h"
