#include "widgets/event_detail_view.h"

#include "logging.h"
#include "models/bookmarks.h"
#include "plain_tool_tip.h"
#include "sql_text.h"
#include "store/database.h"
#include "store/statement.h"
#include "widgets/event_field_tree.h"
#include "widgets/json_highlighter.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

namespace spoor::ui {

namespace {

QString utf8(const std::string& text)
{
    return QString::fromStdString(text);
}

const QLatin1String parentLink("parent");
const QLatin1String processLink("process");

} // namespace

EventDetailView::EventDetailView(QWidget* parent)
    : QWidget(parent), source_(new QLabel(this)), bookmark_(new QLabel(this)), links_(new QLabel(this)),
      fields_(new EventFieldTree(this)), document_(new QPlainTextEdit(this))
{
    source_->setObjectName(QStringLiteral("eventSource"));
    source_->setTextFormat(Qt::PlainText); // file names and error messages are data, not markup
    source_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    source_->setWordWrap(true);
    bookmark_->setObjectName(QStringLiteral("eventBookmark"));
    bookmark_->setTextFormat(Qt::PlainText); // the note is the analyst's text, not markup
    bookmark_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bookmark_->setWordWrap(true);
    links_->setObjectName(QStringLiteral("eventLinks"));
    links_->setText(tr("<a href=\"%1\">Parent process's event</a> · <a href=\"%2\">All events of this process</a>")
                        .arg(parentLink, processLink));
    links_->setToolTip(tr("Select the event that started the parent process, or filter the views on this process"));
    connect(links_, &QLabel::linkActivated, this, [this](const QString& link) {
        if (eventId_ == 0)
            return;
        if (link == parentLink)
            emit parentEventRequested(eventId_);
        else if (link == processLink)
            emit processEventsRequested(eventId_);
    });
    connect(fields_, &EventFieldTree::fieldFilterRequested, this, &EventDetailView::fieldFilterRequested);
    document_->setReadOnly(true);
    document_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    new JsonHighlighter(document_->document());
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
    layout->addWidget(bookmark_);
    layout->addWidget(links_);
    layout->addWidget(splitter, 1);
    clear();
}

void EventDetailView::clear()
{
    eventId_ = 0;
    source_->setText(tr("No event selected"));
    bookmark_->clear();
    bookmark_->hide();
    links_->setEnabled(false);
    fields_->clear();
    document_->clear();
}

void EventDetailView::setEvent(const store::Database& db, std::int64_t eventId)
{
    clear();
    eventId_ = eventId;
    try {
        auto select = db.prepare("SELECT event_document(e.doc_block, e.doc_slot), e.line, s.path, e.doc_index,"
                                 " e.doc_id, e.byte_offset FROM events e"
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
        // Every hit of a one-line _search response is on line 1, so the byte offset is what locates it.
        if (const auto byteOffset = select.optionalInt64(5))
            where += tr(", byte offset %1").arg(*byteOffset);
        if (!select.isNull(4))
            where += tr(" (_index %1, _id %2)").arg(textColumn(select, 3), textColumn(select, 4));
        source_->setText(where);
        source_->setToolTip(plainToolTip(path));
        if (const auto note = bookmarkNote(db, eventId)) {
            bookmark_->setText(note->isEmpty() ? tr("Bookmarked") : tr("Bookmarked: %1").arg(*note));
            bookmark_->show();
        }
        links_->setEnabled(true);
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
    fields_->setDocument(document);
}

} // namespace spoor::ui
