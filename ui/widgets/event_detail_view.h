#pragma once

#include <QVariant>
#include <QWidget>
#include <cstdint>

class QLabel;
class QPlainTextEdit;

namespace spoor::store {
class Database;
}

namespace spoor::ui {

class EventFieldTree;

// One event in full: where it came from (source file and line), links to its parent process's event and to its
// process's other events, its fields as a tree (objects and arrays expandable), and the original JSON document,
// pretty-printed, syntax-coloured, read-only and copyable. A bookmarked event also shows the bookmark's note.
class EventDetailView : public QWidget
{
    Q_OBJECT

public:
    explicit EventDetailView(QWidget* parent = nullptr);

    // Shows an event of the case; shows a message in place of the fields when it cannot be read.
    void setEvent(const store::Database& db, std::int64_t eventId);
    void clear();

    std::int64_t eventId() const { return eventId_; }
    EventFieldTree* fieldTree() const { return fields_; }
    QPlainTextEdit* documentView() const { return document_; }
    QLabel* linksLabel() const { return links_; }
    // The event's source file, line and byte offset.
    QLabel* sourceLabel() const { return source_; }
    // The note of the event's bookmark, hidden when the event has none.
    QLabel* bookmarkLabel() const { return bookmark_; }

signals:
    // The context menu of a field asks to narrow the event filter by `field == value` or `field != value`.
    void fieldFilterRequested(const QString& field, const QVariant& value, bool exclude);
    // The links ask to select the event that started the parent process, or to filter on the process.
    void parentEventRequested(std::int64_t eventId);
    void processEventsRequested(std::int64_t eventId);

private:
    void showFields(const std::string& document);

    std::int64_t eventId_ = 0;
    QLabel* source_;
    QLabel* bookmark_;
    QLabel* links_;
    EventFieldTree* fields_;
    QPlainTextEdit* document_;
};

} // namespace spoor::ui
