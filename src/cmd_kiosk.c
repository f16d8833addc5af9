/*
 * cmd_kiosk.c - `signpost kiosk` (not written yet).
 */
#include "run.h"

int sp_cmd_kiosk(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                 struct sp_error *err)
{
    return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "'kiosk' is not built yet");
}
