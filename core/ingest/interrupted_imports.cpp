#include "ingest/interrupted_imports.h"

#include "store/database.h"
#include "store/statement.h"

namespace spoor::ingest {

std::vector<InterruptedImport> findInterruptedImports(store::Database& db)
{
    auto query = db.prepare("SELECT path, (SELECT count(*) FROM events WHERE events.source_id = sources.id) "
                            "FROM sources WHERE status = 'importing' ORDER BY id");
    std::vector<InterruptedImport> interrupted;
    while (query.step())
        interrupted.push_back({query.text(0), static_cast<std::uint64_t>(query.int64(1))});
    return interrupted;
}

std::string describeInterruptedImport(const InterruptedImport& source, const std::string& casePath)
{
    return "warning: the import of " + source.path + " did not finish (it was killed, or writing to the case " +
           "failed) and contains " + std::to_string(source.events) + (source.events == 1 ? " event" : " events") +
           ", so findings may be missing; run 'spoor-cli import --case " + casePath + " " + source.path +
           "' to resume it, unless another process is importing it now";
}

} // namespace spoor::ingest
