/* Fuzz target: token_verify on arbitrary bytes, the gate every bearer token passes. A fixed
 * key and clock; anything that verifies must carry a positive user id. */
#include "platform/token.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct token_signer *signer;
    if (!signer && token_signer_new("fuzz-key-fuzz-key-fuzz-key-fuzz-key!", 36, "backforge",
                                    "backforge-api", 3600, &signer) < 0)
        abort();
    long long uid = -1;
    int r = token_verify(signer, (const char *)data, size, 1700000000, &uid);
    if ((r == 0) != (uid > 0))
        abort();
    return 0;
}
