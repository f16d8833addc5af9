/*
 * cards.c - not written yet (placeholder so the dispatch links).
 */
#include "compose.h"

int sp_compose_cards(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                     struct sp_error *err)
{
    return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                        "layout '%s': this kind of output is not available yet",
                        in->layout->name);
}
