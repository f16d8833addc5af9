/*
 * cmd_pending.c - commands whose modules are still being written (temporary).
 */
#include "run.h"

int sp_cmd_layouts(const struct sp_options *o, const char *datadir, struct sp_error *err)
{
    return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "'layouts' is not built yet");
}

int sp_cmd_render(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                  struct sp_error *err)
{
    return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "'render' is not built yet");
}

int sp_cmd_kiosk(const struct sp_options *o, const char *datadir, struct sp_diag *diag,
                 struct sp_error *err)
{
    return sp_error_set(err, SP_ERR_RESOURCE, NULL, 0, 0, "'kiosk' is not built yet");
}
