#include "scan/query_hash.h"

#include "ingest/sha256.h"

namespace spoor::scan {

std::string queryHash(std::string_view query)
{
    ingest::Sha256 hash;
    hash.update(query);
    return hash.hexDigest();
}

} // namespace spoor::scan
