#include "models/process_tree_search.h"

#include "store/database.h"
#include "store/statement.h"

namespace spoor::ui {

namespace {

// Returns a LIKE pattern that matches the text anywhere, with '%', '_' and the escape character escaped.
std::string containsPattern(const QString& text)
{
    std::string pattern = "%";
    for (const char c : text.toStdString()) {
        if (c == '%' || c == '_' || c == '\\')
            pattern.push_back('\\');
        pattern.push_back(c);
    }
    pattern.push_back('%');
    return pattern;
}

} // namespace

std::vector<std::int64_t> findProcesses(const store::Database& db, const QString& text, const std::atomic<bool>* cancel)
{
    const QString trimmed = text.trimmed();
    std::vector<std::int64_t> hits;
    if (trimmed.isEmpty())
        return hits;
    bool isNumber = false;
    const qlonglong pid = trimmed.toLongLong(&isNumber);
    // NOTE: SQLite sorts every match before it returns the first row, so a cancelled search on a large case
    // still ends only after that sort.
    auto select = db.prepare(
        "SELECT id FROM processes WHERE name LIKE ?1 ESCAPE '\\' OR command_line LIKE ?1 ESCAPE '\\' OR pid = ?2"
        " ORDER BY host_name, host_id, start_ns, id");
    select.bind(1, containsPattern(trimmed));
    if (isNumber)
        select.bind(2, static_cast<std::int64_t>(pid));
    else
        select.bindNull(2);
    while (select.step()) {
        hits.push_back(select.int64(0));
        if (cancel && cancel->load(std::memory_order_relaxed))
            break;
    }
    return hits;
}

void ProcessTreeSearch::setHits(const QString& text, std::vector<std::int64_t> hits)
{
    text_ = text;
    hits_ = std::move(hits);
    position_ = -1;
}

void ProcessTreeSearch::clear()
{
    setHits(QString(), {});
}

std::optional<std::int64_t> ProcessTreeSearch::next()
{
    if (hits_.empty())
        return std::nullopt;
    position_ = (position_ + 1) % count();
    return hits_[static_cast<std::size_t>(position_)];
}

std::optional<std::int64_t> ProcessTreeSearch::previous()
{
    if (hits_.empty())
        return std::nullopt;
    position_ = position_ <= 0 ? count() - 1 : position_ - 1;
    return hits_[static_cast<std::size_t>(position_)];
}

} // namespace spoor::ui
