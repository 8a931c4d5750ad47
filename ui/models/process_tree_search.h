#pragma once

#include <QString>
#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// Returns the processes.id of every process whose name or command line contains the text (ASCII
// case-insensitive, as SQLite's LIKE), or whose pid equals it when it is a number. Hits are ordered by host
// name, start time and row id, which puts a parent before its children. A blank text has no hits. When
// `cancel` becomes true the search stops and returns the hits read so far. Every hit is kept (8 bytes each).
// Throws store::StoreError.
std::vector<std::int64_t> findProcesses(const store::Database& db, const QString& text,
                                        const std::atomic<bool>* cancel = nullptr);

// The hits of the process tree's last search and the position of next and previous in them. next() and
// previous() wrap around at either end.
class ProcessTreeSearch
{
public:
    // Replaces the hits; the position is before the first hit.
    void setHits(const QString& text, std::vector<std::int64_t> hits);
    void clear();

    // Returns the processes.id of the next (previous) hit, or nullopt when there is none.
    std::optional<std::int64_t> next();
    std::optional<std::int64_t> previous();

    QString text() const { return text_; }
    int count() const { return static_cast<int>(hits_.size()); }
    // The 0-based position of the current hit, -1 before the first step.
    int position() const { return position_; }

private:
    QString text_;
    std::vector<std::int64_t> hits_;
    int position_ = -1;
};

} // namespace spoor::ui
