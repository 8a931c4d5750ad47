#pragma once

#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

// A search over the processes table for the process tree: the processes whose name or command line
// contains the text (ASCII case-insensitive, as SQLite's LIKE), or whose pid equals it when it is a
// number. Hits are ordered by host name, start time and row id, which puts a parent before its children.
// next() and previous() step through them and wrap around at either end.
class ProcessTreeSearch
{
public:
    // At most this many hits are kept; truncated() is true when a search found more.
    static constexpr std::int64_t maxHits = 10'000;

    void setCase(std::shared_ptr<store::CaseFile> caseFile);

    // Runs a new search and returns the number of hits; the position is before the first hit. An empty
    // text clears the hits. Throws store::StoreError.
    int find(const QString& text);

    // Returns the processes.id of the next (previous) hit, or nullopt when there is none.
    std::optional<std::int64_t> next();
    std::optional<std::int64_t> previous();

    QString text() const { return text_; }
    int count() const { return static_cast<int>(hits_.size()); }
    // The 0-based position of the current hit, -1 before the first step.
    int position() const { return position_; }
    bool truncated() const { return truncated_; }

private:
    std::shared_ptr<store::CaseFile> case_;
    QString text_;
    std::vector<std::int64_t> hits_;
    int position_ = -1;
    bool truncated_ = false;
};

} // namespace spoor::ui
