#include "widgets/event_field_tree.h"

#include "models/eql_text.h"
#include "plain_tool_tip.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <nlohmann/json.hpp>

namespace spoor::ui {

namespace {

using Json = nlohmann::ordered_json;

QString utf8(const std::string& text)
{
    return QString::fromStdString(text);
}

QVariant typedValue(const Json& value)
{
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return QVariant::fromValue<qint64>(value.get<std::int64_t>());
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        return number <= std::uint64_t(std::numeric_limits<qint64>::max()) ? QVariant::fromValue<qint64>(qint64(number))
                                                                           : QVariant(QString::number(number));
    }
    if (value.is_number_float())
        return value.get<double>();
    if (value.is_string())
        return utf8(value.get<std::string>());
    return {};
}

QString displayValue(const Json& value)
{
    if (value.is_string())
        return utf8(value.get<std::string>());
    return utf8(value.dump());
}

QString joined(const QString& prefix, const std::string& key)
{
    return prefix.isEmpty() ? utf8(key) : prefix + QLatin1Char('.') + utf8(key);
}

void addChildren(QTreeWidgetItem* parent, QTreeWidget* tree, const Json& value, const QString& field);

QTreeWidgetItem* addItem(QTreeWidgetItem* parent, QTreeWidget* tree, const QString& name, const Json& value,
                         const QString& field)
{
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, name);
    item->setData(0, EventFieldTree::FieldRole, field);
    item->setToolTip(0, plainToolTip(field));
    if (value.is_object()) {
        item->setText(1, QStringLiteral("{%1}").arg(value.size()));
        addChildren(item, tree, value, field);
    } else if (value.is_array()) {
        item->setText(1, QStringLiteral("[%1]").arg(value.size()));
        addChildren(item, tree, value, field);
    } else {
        item->setText(1, displayValue(value));
        item->setToolTip(1, plainToolTip(displayValue(value)));
        item->setData(0, EventFieldTree::ValueRole, typedValue(value));
        item->setData(0, EventFieldTree::IsValueRole, true);
    }
    return item;
}

void addChildren(QTreeWidgetItem* parent, QTreeWidget* tree, const Json& value, const QString& field)
{
    if (value.is_object()) {
        for (const auto& [key, member] : value.items())
            addItem(parent, tree, utf8(key), member, joined(field, key));
        return;
    }
    // An element of an array keeps the array's field: EQL matches a multi-valued field element by element.
    for (std::size_t index = 0; index < value.size(); ++index)
        addItem(parent, tree, QStringLiteral("[%1]").arg(index), value[index], field);
}

} // namespace

EventFieldTree::EventFieldTree(QWidget* parent) : QTreeWidget(parent)
{
    setHeaderLabels({tr("Field"), tr("Value")});
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(0, QHeaderView::Interactive);
    connect(this, &QWidget::customContextMenuRequested, this, &EventFieldTree::showMenu);
}

bool EventFieldTree::setDocument(const std::string& document)
{
    clear();
    Json parsed;
    try {
        parsed = Json::parse(document);
    } catch (const nlohmann::json::exception&) {
        return false;
    }
    if (!parsed.is_object())
        return false;
    addChildren(nullptr, this, parsed, QString());
    expandAll();
    // Field names are leaf keys, so the first column stays narrow and the value column gets the rest.
    resizeColumnToContents(0);
    setColumnWidth(0, std::min(columnWidth(0), std::max(120, viewport()->width() * 2 / 5)));
    return true;
}

QTreeWidgetItem* EventFieldTree::findField(const QString& field) const
{
    for (QTreeWidgetItemIterator it(const_cast<EventFieldTree*>(this)); *it; ++it) {
        if ((*it)->data(0, IsValueRole).toBool() && (*it)->data(0, FieldRole).toString() == field)
            return *it;
    }
    return nullptr;
}

void EventFieldTree::populateMenu(QMenu& menu, QTreeWidgetItem* item)
{
    const QString field = item->data(0, FieldRole).toString();
    const bool isValue = item->data(0, IsValueRole).toBool();
    const QVariant value = item->data(0, ValueRole);
    QAction* in = menu.addAction(tr("Filter in: %1").arg(filterInCondition(field, value)), this,
                                 [this, field, value] { emit fieldFilterRequested(field, value, false); });
    QAction* out = menu.addAction(tr("Filter out: %1").arg(filterOutCondition(field, value)), this,
                                  [this, field, value] { emit fieldFilterRequested(field, value, true); });
    in->setEnabled(isValue);
    out->setEnabled(isValue);
    menu.addSeparator();
    const QString text = item->text(1);
    menu.addAction(tr("Copy value"), this, [text] { QApplication::clipboard()->setText(text); });
    menu.addAction(tr("Copy field name"), this, [field] { QApplication::clipboard()->setText(field); });
}

void EventFieldTree::showMenu(const QPoint& position)
{
    QTreeWidgetItem* item = itemAt(position);
    if (!item)
        return;
    QMenu menu;
    populateMenu(menu, item);
    menu.exec(viewport()->mapToGlobal(position));
}

} // namespace spoor::ui
