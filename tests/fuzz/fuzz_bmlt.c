/*
 * fuzz_bmlt.c - libFuzzer target for the BMLT GetSearchResults reader alone (format forced).
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(data, size, SP_FORMAT_BMLT);
    return 0;
}
