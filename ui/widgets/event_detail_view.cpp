#include "widgets/event_detail_view.h"

#include "ecs/flatten.h"
#include "logging.h"
#include "sql_text.h"
#include "store/database.h"
#include "store/statement.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

namespace spoor::ui {

namespace {

QString utf8(const std::string& text)
{
    return QString::fromStdString(text);
}

// Returns the part of a dotted path before the first dot, or the whole path.
std::string_view groupOf(std::string_view path)
{
    const auto dot = path.find('.');
    return dot == std::string_view::npos ? path : path.substr(0, dot);
}

} // namespace

EventDetailView::EventDetailView(QWidget* parent)
    : QWidget(parent), source_(new QLabel(this)), fields_(new QTreeWidget(this)), document_(new QPlainTextEdit(this))
{
    source_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    source_->setWordWrap(true);
    fields_->setHeaderLabels({tr("Field"), tr("Value")});
    fields_->setUniformRowHeights(true);
    fields_->setAlternatingRowColors(true);
    fields_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    fields_->setColumnWidth(0, 220);
    document_->setReadOnly(true);
    document_->setLineWrapMode(QPlainTextEdit::NoWrap);
    document_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(fields_);
    splitter->addWidget(document_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(source_);
    layout->addWidget(splitter, 1);
    clear();
}

void EventDetailView::clear()
{
    eventId_ = 0;
    source_->setText(tr("No event selected"));
    fields_->clear();
    document_->clear();
}

void EventDetailView::setEvent(const store::Database& db, std::int64_t eventId)
{
    clear();
    eventId_ = eventId;
    try {
        auto select = db.prepare("SELECT event_document(e.doc_block, e.doc_slot), e.line, s.path, e.doc_index,"
                                 " e.doc_id FROM events e"
                                 " JOIN sources s ON s.id = e.source_id WHERE e.id = ?");
        select.bind(1, eventId);
        if (!select.step()) {
            source_->setText(tr("Event %1 is not in the case").arg(eventId));
            return;
        }
        const std::string document = select.text(0);
        const QString path = textColumn(select, 2);
        const auto line = select.optionalInt64(1);
        QString where =
            line ? tr("%1, line %2").arg(QFileInfo(path).fileName()).arg(*line) : QFileInfo(path).fileName();
        if (!select.isNull(4))
            where += tr(" (_index %1, _id %2)").arg(textColumn(select, 3), textColumn(select, 4));
        source_->setText(where);
        source_->setToolTip(path);
        showFields(document);
    } catch (const store::StoreError& error) {
        qCWarning(lcMainWindow) << "cannot read event" << eventId << ":" << error.what();
        source_->setText(tr("Cannot read event %1: %2").arg(eventId).arg(QString::fromUtf8(error.what())));
    }
}

void EventDetailView::showFields(const std::string& document)
{
    nlohmann::ordered_json ordered;
    try {
        ordered = nlohmann::ordered_json::parse(document);
    } catch (const nlohmann::json::exception& error) {
        document_->setPlainText(utf8(document));
        source_->setText(source_->text() % QLatin1String(" — ") %
                         tr("the stored document is not valid JSON: %1").arg(QString::fromUtf8(error.what())));
        return;
    }
    document_->setPlainText(utf8(ordered.dump(2)));

    const ecs::Event event = ecs::flatten(nlohmann::json::parse(document));
    QTreeWidgetItem* group = nullptr;
    std::string_view groupName;
    for (const auto& [path, value] : event.fields()) {
        const std::string_view name = groupOf(path);
        if (name == path) {
            new QTreeWidgetItem(fields_, {utf8(path), utf8(value.toString())});
            group = nullptr;
            continue;
        }
        if (!group || name != groupName) {
            group = new QTreeWidgetItem(fields_, {utf8(std::string(name))});
            group->setFirstColumnSpanned(false);
            groupName = name;
        }
        new QTreeWidgetItem(group, {utf8(path), utf8(value.toString())});
    }
    fields_->expandAll();
}

} // namespace spoor::ui
