#include "models/process_tree_search.h"

#include "store/case_file.h"
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

void ProcessTreeSearch::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    case_ = std::move(caseFile);
    text_.clear();
    hits_.clear();
    position_ = -1;
    truncated_ = false;
}

int ProcessTreeSearch::find(const QString& text)
{
    text_ = text.trimmed();
    hits_.clear();
    position_ = -1;
    truncated_ = false;
    if (!case_ || text_.isEmpty())
        return 0;

    // TODO: this scans the whole processes table on the GUI thread. A case with millions of processes
    // needs the search on a worker or a full-text index.
    bool isNumber = false;
    const qlonglong pid = text_.toLongLong(&isNumber);
    auto select = case_->db().prepare(
        "SELECT id FROM processes WHERE name LIKE ?1 ESCAPE '\\' OR command_line LIKE ?1 ESCAPE '\\' OR pid = ?2"
        " ORDER BY host_name, host_id, start_ns, id LIMIT ?3");
    select.bind(1, containsPattern(text_));
    if (isNumber)
        select.bind(2, static_cast<std::int64_t>(pid));
    else
        select.bindNull(2);
    select.bind(3, maxHits + 1);
    while (select.step())
        hits_.push_back(select.int64(0));
    if (static_cast<std::int64_t>(hits_.size()) > maxHits) {
        hits_.pop_back();
        truncated_ = true;
    }
    return count();
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
