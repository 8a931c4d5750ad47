#pragma once

#include <QObject>
#include <QString>
#include <cstdint>
#include <map>
#include <memory>

class QAction;
class QInputDialog;
class QMenu;
class QModelIndex;
class QPoint;
class QTableView;
class QTreeView;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

class EventTableModel;
class ProcessTreeModel;

// Bookmarks on events: the actions that bookmark (with an optional note) and unbookmark the current event,
// their entries in the event table's and the process tree's context menus, and the marks in both views. A
// process stands for the event that started it. Bookmarks are written through the GUI thread's connection.
class BookmarkController : public QObject
{
    Q_OBJECT

public:
    BookmarkController(QTableView* events, EventTableModel* eventsModel, QTreeView* processes,
                       ProcessTreeModel* processModel, QObject* parent = nullptr);

    // Uses a new case (nullptr: none) and marks its bookmarks; a case that is not writable gets no new ones.
    void setCase(std::shared_ptr<store::CaseFile> caseFile, bool writable);

    // Asks for a note, then bookmarks the current event (Ctrl+D).
    QAction* bookmarkAction() const { return bookmark_; }
    // Removes the current event's bookmark (Ctrl+Shift+D).
    QAction* removeAction() const { return remove_; }

    // The event the actions apply to: the start event of the current process when the process tree has the
    // focus, else the event table's current event, else the current process's start event; 0 for none.
    std::int64_t currentEvent() const;

    // Bookmarks an event, or replaces its bookmark's note. Returns false and emits errorOccurred when the
    // case cannot store it.
    bool setBookmark(std::int64_t eventId, const QString& note);
    bool removeBookmark(std::int64_t eventId);
    // Opens a dialog, not modal, for the note of the event's bookmark; accepting it stores the bookmark.
    QInputDialog* askNote(std::int64_t eventId);
    // Adds "Bookmark…" and "Remove bookmark" for the event to a context menu.
    void addMenuEntries(QMenu& menu, std::int64_t eventId);

    const std::map<std::int64_t, QString>& bookmarks() const { return bookmarks_; }

signals:
    // A bookmark was added, changed or removed.
    void bookmarksChanged();
    // Storing or reading bookmarks failed; the message names the case and the error.
    void errorOccurred(const QString& message);

private:
    void reload();
    void updateActions();
    std::int64_t processStartEvent(const QModelIndex& index) const;
    void showTreeMenu(const QPoint& position);

    QTableView* events_;
    EventTableModel* eventsModel_;
    QTreeView* processes_;
    ProcessTreeModel* processModel_;
    QAction* bookmark_;
    QAction* remove_;
    std::shared_ptr<store::CaseFile> case_;
    bool writable_ = false;
    std::map<std::int64_t, QString> bookmarks_; // note by events.id
};

} // namespace spoor::ui
