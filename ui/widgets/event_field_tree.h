#pragma once

#include <QTreeWidget>
#include <QVariant>
#include <string>

namespace spoor::ui {

// The fields of one event document as a tree: objects expand into their members, arrays into their
// indexed elements, in document order. Every value item carries its dotted ECS field and its value typed
// for EQL. An array element carries its array's field, because EQL compares arrays element by element. The
// context menu filters on a value, copies it or copies the field name.
class EventFieldTree : public QTreeWidget
{
    Q_OBJECT

public:
    enum Role {
        FieldRole = Qt::UserRole + 1, // QString: the dotted field of the item
        ValueRole,                    // the JSON value: qint64, double, bool, QString, or invalid for null
        IsValueRole,                  // bool: the item is a scalar value (objects and arrays are not)
    };

    explicit EventFieldTree(QWidget* parent = nullptr);

    // Shows the fields of a JSON document. Returns false, and shows nothing, when it is not a JSON object.
    bool setDocument(const std::string& document);

    // Returns the item of a dotted field's first value, or nullptr when the document lacks it.
    QTreeWidgetItem* findField(const QString& field) const;

    // Builds the context menu of an item: filter in and out, copy value, copy field name.
    void populateMenu(QMenu& menu, QTreeWidgetItem* item);

signals:
    void fieldFilterRequested(const QString& field, const QVariant& value, bool exclude);

private:
    void showMenu(const QPoint& position);
};

} // namespace spoor::ui
