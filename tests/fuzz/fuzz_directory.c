/*
 * fuzz_directory.c - libFuzzer target over sp_directory_load_mem(): the input is read
 * once with format sniffing and once forced to each of the three formats.
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(data, size, SP_FORMAT_AUTO);
    fuzz_read(data, size, SP_FORMAT_MG_JSON);
    fuzz_read(data, size, SP_FORMAT_TSML_CSV);
    fuzz_read(data, size, SP_FORMAT_BMLT);
    return 0;
}
