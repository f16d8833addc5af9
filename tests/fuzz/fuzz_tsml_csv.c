/*
 * fuzz_tsml_csv.c - libFuzzer target for the TSML CSV reader alone (format forced).
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(data, size, SP_FORMAT_TSML_CSV);
    return 0;
}
