#pragma once

#include <QWidget>
#include <cstdint>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// One event in full: where it came from (source file and line), its fields as a tree grouped by the
// first part of the dotted path, and the original JSON document, pretty-printed and read-only.
class EventDetailView : public QWidget
{
    Q_OBJECT

public:
    explicit EventDetailView(QWidget* parent = nullptr);

    // Shows an event of the case; shows a message in place of the fields when it cannot be read.
    void setEvent(const store::Database& db, std::int64_t eventId);
    void clear();

    std::int64_t eventId() const { return eventId_; }
    QTreeWidget* fieldTree() const { return fields_; }
    QPlainTextEdit* documentView() const { return document_; }

private:
    void showFields(const std::string& document);

    std::int64_t eventId_ = 0;
    QLabel* source_;
    QTreeWidget* fields_;
    QPlainTextEdit* document_;
};

} // namespace spoor::ui
