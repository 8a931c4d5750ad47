#include "models/event_table_model.h"

#include "logging.h"
#include "models/bookmarks.h"
#include "plain_tool_tip.h"
#include "sql_text.h"
#include "store/case_file.h"
#include "time_text.h"

#include <QLocale>
#include <algorithm>

namespace spoor::ui {

// The worker's connection, opened on first use by the worker thread and used only by it (the pool has one
// thread, so tasks never overlap).
struct EventTableModel::Source
{
    std::string path;
    std::optional<store::CaseFile> caseFile;

    const store::Database& db()
    {
        if (!caseFile)
            caseFile.emplace(store::CaseFile::open(path, store::CaseFile::Access::ReadOnly));
        return caseFile->db();
    }
};

namespace {

std::optional<EventOrderKey> orderKeyFor(int column)
{
    switch (column) {
    case EventTableModel::TimeColumn:
        return EventOrderKey::Time;
    case EventTableModel::HostColumn:
        return EventOrderKey::Host;
    case EventTableModel::EntityColumn:
        return EventOrderKey::Entity;
    case EventTableModel::SourceColumn:
        return EventOrderKey::Source;
    default:
        return std::nullopt;
    }
}

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

} // namespace

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent), latestGeneration_(std::make_shared<std::atomic<quint64>>(0))
{
    worker_.setMaxThreadCount(1);
    worker_.setObjectName(QStringLiteral("event table reader"));
}

EventTableModel::~EventTableModel()
{
    // A running order read checks the generation and stops; queued chunk reads are dropped.
    latestGeneration_->store(~quint64(0));
    if (orderCancel_)
        orderCancel_->store(true);
    worker_.clear();
    worker_.waitForDone();
}

void EventTableModel::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    beginResetModel();
    source_.reset();
    if (caseFile) {
        source_ = std::make_shared<Source>();
        source_->path = caseFile->path();
    }
    filter_.reset();
    ids_.reset();
    chunks_.clear();
    recentChunks_.clear();
    requestedChunks_.clear();
    endResetModel();
    reload();
}

void EventTableModel::setEventFilter(EventIdSet events)
{
    filter_ = std::move(events);
    reload();
}

void EventTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column) || (column == sortColumn_ && order == sortOrder_))
        return;
    sortColumn_ = column;
    sortOrder_ = order;
    reload();
}

bool EventTableModel::isSortable(int column)
{
    return orderKeyFor(column).has_value();
}

void EventTableModel::reload()
{
    const quint64 generation = ++generation_;
    latestGeneration_->store(generation);
    // A running order read stops at its next check; queued reads of the previous order never start.
    if (orderCancel_)
        orderCancel_->store(true);
    worker_.clear();
    if (!source_) {
        loading_ = false;
        return;
    }
    loading_ = true;
    orderCancel_ = std::make_shared<std::atomic<bool>>(false);
    worker_.start([this, source = source_, filter = filter_, key = *orderKeyFor(sortColumn_),
                   descending = sortOrder_ == Qt::DescendingOrder, generation, cancel = orderCancel_] {
        try {
            auto order = loadEventOrder(source->db(), key, descending, filter, cancel.get());
            if (!order)
                return;
            auto ids = std::make_shared<const std::vector<std::int64_t>>(std::move(*order));
            QMetaObject::invokeMethod(
                this, [this, generation, ids] { orderArrived(generation, ids); }, Qt::QueuedConnection);
        } catch (const std::exception& error) {
            const QString message =
                QString::fromStdString(source->path) + QLatin1String(": ") + QString::fromUtf8(error.what());
            QMetaObject::invokeMethod(
                this, [this, generation, message] { orderFailed(generation, message); }, Qt::QueuedConnection);
        }
    });
}

void EventTableModel::orderFailed(quint64 generation, const QString& message)
{
    if (generation != generation_)
        return;
    qCWarning(lcModels) << "cannot read the events of" << message;
    loading_ = false;
    emit loadFailed(message);
}

void EventTableModel::orderArrived(quint64 generation, IdList ids)
{
    if (generation != generation_)
        return;
    beginResetModel();
    ids_ = std::move(ids);
    chunks_.clear();
    recentChunks_.clear();
    requestedChunks_.clear();
    loading_ = false;
    endResetModel();
    qCDebug(lcModels) << "event order read:" << ids_->size() << "rows";
    emit loaded();
}

void EventTableModel::requestChunk(int chunkIndex) const
{
    if (!source_ || !ids_ || !requestedChunks_.insert(chunkIndex).second)
        return;
    const std::size_t first = static_cast<std::size_t>(chunkIndex) * chunkSize;
    const std::size_t last = std::min(ids_->size(), first + chunkSize);
    std::vector<std::int64_t> ids(ids_->begin() + static_cast<std::ptrdiff_t>(first),
                                  ids_->begin() + static_cast<std::ptrdiff_t>(last));
    auto* self = const_cast<EventTableModel*>(this);
    worker_.start([self, source = source_, ids = std::move(ids), generation = generation_, latest = latestGeneration_,
                   chunkIndex] {
        if (latest->load() != generation)
            return;
        auto chunk = std::make_shared<Chunk>();
        try {
            *chunk = loadEventRows(source->db(), ids);
        } catch (const std::exception& error) {
            qCWarning(lcModels) << "cannot read events" << chunkIndex * chunkSize << "to"
                                << chunkIndex * chunkSize + int(ids.size()) << "of" << source->path.c_str() << ":"
                                << error.what();
        }
        QMetaObject::invokeMethod(
            self, [self, generation, chunkIndex, chunk] { self->chunkArrived(generation, chunkIndex, chunk); },
            Qt::QueuedConnection);
    });
}

void EventTableModel::chunkArrived(quint64 generation, int chunkIndex, std::shared_ptr<Chunk> chunk)
{
    if (generation != generation_)
        return;
    requestedChunks_.erase(chunkIndex);
    if (chunk->empty())
        return; // the read failed and was logged; the rows keep their placeholders
    while (chunks_.size() >= maxCachedChunks) {
        chunks_.erase(recentChunks_.back());
        recentChunks_.pop_back();
    }
    const int rows = static_cast<int>(chunk->size());
    chunks_[chunkIndex] = std::move(*chunk);
    recentChunks_.remove(chunkIndex);
    recentChunks_.push_front(chunkIndex);
    const int first = chunkIndex * chunkSize;
    emit dataChanged(index(first, 0), index(first + rows - 1, ColumnCount - 1));
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !ids_ ? 0 : static_cast<int>(ids_->size());
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const EventRow* EventTableModel::rowAt(int row) const
{
    const int chunkIndex = row / chunkSize;
    const auto found = chunks_.find(chunkIndex);
    if (found == chunks_.end()) {
        requestChunk(chunkIndex);
        return nullptr;
    }
    if (recentChunks_.front() != chunkIndex) {
        recentChunks_.remove(chunkIndex);
        recentChunks_.push_front(chunkIndex);
    }
    const auto offset = static_cast<std::size_t>(row % chunkSize);
    const EventRow* shown = offset < found->second.size() ? &found->second[offset] : nullptr;
    return shown && shown->id != 0 ? shown : nullptr;
}

void EventTableModel::setBookmarks(std::map<std::int64_t, QString> bookmarks)
{
    bookmarks_ = std::move(bookmarks);
    if (rowCount() > 0)
        emit dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn),
                         {Qt::DecorationRole, Qt::ToolTipRole, BookmarkedRole});
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == EventIdRole)
        return QVariant::fromValue<qint64>(eventId(index.row()));
    if (role == FieldNameRole)
        return fieldName(index.column());
    if (role == BookmarkedRole)
        return bookmarks_.count(eventId(index.row())) > 0;
    if (index.column() == TimeColumn && (role == Qt::DecorationRole || role == Qt::ToolTipRole)) {
        const auto bookmark = bookmarks_.find(eventId(index.row()));
        if (bookmark == bookmarks_.end())
            return {};
        if (role == Qt::DecorationRole)
            return bookmarkIcon();
        return plainToolTip(bookmark->second.isEmpty() ? tr("Bookmarked") : tr("Bookmarked: %1").arg(bookmark->second));
    }
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == PidColumn || index.column() == ExitCodeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != TimestampNsRole && role != FieldValueRole &&
        role != RowLoadedRole)
        return {};

    const EventRow* row = rowAt(index.row());
    if (role == RowLoadedRole)
        return row != nullptr;
    if (!row)
        return role == Qt::DisplayRole ? QVariant(tr("…")) : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*row, index.column());
    case Qt::ToolTipRole:
        return index.column() == CommandLineColumn ? QVariant(plainToolTip(row->commandLine)) : QVariant();
    case TimestampNsRole:
        return optionalVariant(row->timestampNs);
    default:
        return valueData(*row, index.column());
    }
}

QVariant EventTableModel::displayData(const EventRow& row, int column) const
{
    switch (column) {
    case TimeColumn:
        return isoTime(row.timestampNs);
    case HostColumn:
        return row.host;
    case UserColumn:
        return row.user;
    case ActionColumn:
        return row.action;
    case CategoryColumn:
        return row.category;
    case PidColumn:
        return optionalVariant(row.pid);
    case ProcessNameColumn:
        return row.processName;
    case CommandLineColumn:
        return row.commandLine;
    case ExitCodeColumn:
        return optionalVariant(row.exitCode);
    case EntityColumn:
        return row.entityId;
    case SourceColumn:
        return row.line ? QStringLiteral("%1:%2").arg(row.source).arg(*row.line) : row.source;
    default:
        return {};
    }
}

QVariant EventTableModel::valueData(const EventRow& row, int column) const
{
    switch (column) {
    case TimeColumn:
        return row.timestampNs ? QVariant(isoTime(row.timestampNs)) : QVariant();
    case CategoryColumn:
        return row.category.isEmpty() ? QVariant() : QVariant(row.category.split(QLatin1Char(',')));
    case PidColumn:
    case ExitCodeColumn:
        return displayData(row, column);
    case SourceColumn:
        return {};
    default:
        return textOrNull(displayData(row, column).toString());
    }
}

QString EventTableModel::fieldName(int column)
{
    switch (column) {
    case TimeColumn:
        return QStringLiteral("@timestamp");
    case HostColumn:
        return QStringLiteral("host.name");
    case UserColumn:
        return QStringLiteral("user.name");
    case ActionColumn:
        return QStringLiteral("event.action");
    case CategoryColumn:
        return QStringLiteral("event.category");
    case PidColumn:
        return QStringLiteral("process.pid");
    case ProcessNameColumn:
        return QStringLiteral("process.name");
    case CommandLineColumn:
        return QStringLiteral("process.command_line");
    case ExitCodeColumn:
        return QStringLiteral("process.exit_code");
    case EntityColumn:
        return QStringLiteral("process.entity_id");
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(QLocale().toString(section + 1)) : QVariant();
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case HostColumn:
            return tr("Sortable: by host.id, then time");
        case EntityColumn:
            return tr("Sortable: by process.entity_id, then import order");
        case SourceColumn:
            return tr("Sortable: by source file and line");
        case TimeColumn:
            return tr("Sortable: by @timestamp (events without it first), then import order");
        default:
            return tr("%1. Not sortable: the case file has no index on this column.").arg(fieldName(section));
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case HostColumn:
        return tr("Host");
    case UserColumn:
        return tr("User");
    case ActionColumn:
        return tr("Action");
    case CategoryColumn:
        return tr("Category");
    case PidColumn:
        return tr("PID");
    case ProcessNameColumn:
        return tr("Process");
    case CommandLineColumn:
        return tr("Command line");
    case ExitCodeColumn:
        return tr("Exit code");
    case EntityColumn:
        return tr("Entity ID");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

std::int64_t EventTableModel::eventId(int row) const
{
    return ids_ && row >= 0 && row < static_cast<int>(ids_->size()) ? (*ids_)[static_cast<std::size_t>(row)] : 0;
}

int EventTableModel::rowOfEvent(std::int64_t eventId) const
{
    if (!ids_)
        return -1;
    const auto found = std::find(ids_->begin(), ids_->end(), eventId);
    return found == ids_->end() ? -1 : static_cast<int>(found - ids_->begin());
}

} // namespace spoor::ui
