/*
 * compose.c - choose the composer for a layout's kind, then finish the plan for its
 * languages (tr.h).
 */
#include "compose.h"
#include "tr.h"

/* The composer for the layout's kind. */
static int dispatch(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
                    struct sp_error *err)
{
    switch (in->layout->kind) {
    case SP_LAYOUT_POSTER:
        return sp_compose_poster(in, t, plan, err);
    case SP_LAYOUT_LEAFLET:
    case SP_LAYOUT_BOOKLET:
    case SP_LAYOUT_TRIFOLD:
        return sp_compose_leaflet(in, t, plan, err);
    case SP_LAYOUT_CARDS:
        return sp_compose_cards(in, t, plan, err);
    case SP_LAYOUT_KIOSK:
        return sp_compose_kiosk(in, t, plan, err);
    default:
        return sp_error_set(err, SP_ERR_USAGE, NULL, 0, 0,
                            "layout '%s': this kind of output is not available yet",
                            in->layout->name);
    }
}

int sp_compose(const struct sp_compose_in *in, struct sp_text *t, struct sp_plan *plan,
               struct sp_error *err)
{
    /* a streamed plan's pages are finished for their languages as they go out */
    if (in->layout->kind != SP_LAYOUT_KIOSK) {
        plan->finish_page = sp_tr_page_hook;
        plan->finish_ctx = t;
    }
    if (dispatch(in, t, plan, err) != 0) {
        plan->finish_page = NULL;
        return -1;
    }
    /* languages: bilingual runs, right-to-left mirror (screens finish their own) */
    if (in->layout->kind != SP_LAYOUT_KIOSK)
        sp_tr_plan_finish(plan, t);
    return 0;
}
