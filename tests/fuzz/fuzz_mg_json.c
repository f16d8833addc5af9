/*
 * fuzz_mg_json.c - libFuzzer target for the Meeting Guide JSON reader alone (format forced).
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(data, size, SP_FORMAT_MG_JSON);
    return 0;
}
