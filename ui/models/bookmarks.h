#pragma once

#include <QIcon>
#include <QString>
#include <cstdint>
#include <map>
#include <optional>

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// Bookmarks are kept in the case's bookmarks table with an optional note. addBookmark keeps at most one per event.

// Returns the note of every bookmarked event by events.id (an empty string for a bookmark without a note).
// Throws store::StoreError.
std::map<std::int64_t, QString> loadBookmarks(const store::Database& db);

// Returns the note of an event's bookmark, or nullopt when the event has none. Throws store::StoreError.
std::optional<QString> bookmarkNote(const store::Database& db, std::int64_t eventId);

// Bookmarks an event, or replaces the note of its bookmark. A blank note is stored as NULL. Throws
// store::StoreError, also when the case has no such event.
void addBookmark(store::Database& db, std::int64_t eventId, const QString& note);

// Removes an event's bookmark; does nothing when the event has none. Throws store::StoreError.
void removeBookmark(store::Database& db, std::int64_t eventId);

// A small blue bookmark flag, 12 pixels wide like the review badges.
QIcon bookmarkIcon();

} // namespace spoor::ui
