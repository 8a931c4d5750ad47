#include "models/process_tree_model.h"

#include "jobs/worker_pool.h"
#include "logging.h"
#include "models/bookmarks.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "time_text.h"

#include <QFont>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

namespace spoor::ui {

struct ProcessTreeModel::Node
{
    enum class Kind { Root, Host, UnknownParent, Process };

    Kind kind = Kind::Root;
    Node* parent = nullptr;
    int row = 0;
    std::optional<std::string> hostId; // Host and UnknownParent
    QString hostName;
    std::int64_t processCount = 0;
    analysis::ProcessNode process;               // Process
    bool fetched = false;                        // the rows of the children are inserted
    std::vector<std::unique_ptr<Node>> children; // one per row; nullptr until the row's page is read
    int loadedChildren = 0;

    bool mayHaveChildren() const
    {
        switch (kind) {
        case Kind::Process:
            return process.childCount > 0;
        case Kind::Host:
            return processCount > 0;
        default:
            return true;
        }
    }
};

namespace {

QString utf8(const std::string& text)
{
    return QString::fromStdString(text);
}

// Returns the largest processes.id, which bounds the number of processes without counting them.
std::int64_t largestProcessId(const store::Database& db)
{
    auto select = db.prepare("SELECT coalesce(max(id), 0) FROM processes");
    return select.step() ? select.int64(0) : 0;
}

} // namespace

ProcessTreeModel::ProcessTreeModel(QObject* parent) : QAbstractItemModel(parent), root_(std::make_unique<Node>())
{
    root_->fetched = true;
}

ProcessTreeModel::~ProcessTreeModel() = default;

void ProcessTreeModel::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    beginResetModel();
    case_ = std::move(caseFile);
    root_ = std::make_unique<Node>();
    root_->fetched = true;
    findingProcesses_.clear();
    bookmarkedProcesses_.clear();
    ++generation_;
    loading_ = false;
    endResetModel();
    if (!case_)
        return;
    try {
        if (largestProcessId(case_->db()) > synchronousLoadLimit_)
            loadHostsInBackground();
        else
            insertHosts(analysis::loadProcessHosts(case_->db()));
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot list the hosts of" << case_->path().c_str() << ":" << error.what();
    }
}

void ProcessTreeModel::loadHostsInBackground()
{
    using Hosts = std::optional<std::vector<analysis::ProcessHost>>;
    loading_ = true;
    const quint64 generation = generation_;
    const std::string path = case_->path();
    auto* watcher = new QFutureWatcher<Hosts>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != generation_)
            return;
        loading_ = false;
        if (const Hosts hosts = watcher->result())
            insertHosts(*hosts);
    });
    watcher->setFuture(QtConcurrent::run(workerPool(), [path]() -> Hosts {
        try {
            auto caseFile = store::CaseFile::open(path, store::CaseFile::Access::ReadOnly);
            return analysis::loadProcessHosts(caseFile.db());
        } catch (const store::StoreError& error) {
            qCWarning(lcModels) << "cannot list the hosts of" << path.c_str() << ":" << error.what();
            return std::nullopt;
        }
    }));
}

void ProcessTreeModel::insertHosts(const std::vector<analysis::ProcessHost>& hosts)
{
    if (hosts.empty())
        return;
    beginInsertRows({}, 0, static_cast<int>(hosts.size()) - 1);
    for (const analysis::ProcessHost& host : hosts) {
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::Host;
        node->parent = root_.get();
        node->row = static_cast<int>(root_->children.size());
        node->hostId = host.hostId;
        node->hostName = utf8(host.hostName);
        node->processCount = host.processCount;
        root_->children.push_back(std::move(node));
    }
    endInsertRows();
}

void ProcessTreeModel::setFindingProcesses(std::map<std::int64_t, ReviewState> processStates)
{
    findingProcesses_ = std::move(processStates);
    notifyBadges(*root_);
}

void ProcessTreeModel::setEventFilterProcesses(std::optional<std::vector<std::int64_t>> processes)
{
    filterProcesses_ = std::move(processes);
    notifyBadges(*root_);
}

void ProcessTreeModel::setBookmarkedProcesses(std::set<std::int64_t> processIds)
{
    bookmarkedProcesses_ = std::move(processIds);
    notifyBadges(*root_);
}

void ProcessTreeModel::notifyBadges(const Node& node)
{
    if (node.children.empty())
        return;
    // Rows whose page is not read yet change too: their data is read with the new marks.
    const int last = static_cast<int>(node.children.size()) - 1;
    emit dataChanged(createIndex(0, 0, &node), createIndex(last, ColumnCount - 1, &node),
                     {Qt::DecorationRole, Qt::ToolTipRole, Qt::ForegroundRole, InFindingRole, ReviewStateRole,
                      MatchesFilterRole, BookmarkedRole});
    for (const auto& child : node.children) {
        if (child)
            notifyBadges(*child);
    }
}

// An index points to its parent's node, not its own, so a view can list the rows of a wide level without
// reading them. nodeFor reads the row's page when the node itself is needed.
ProcessTreeModel::Node* ProcessTreeModel::nodeFor(const QModelIndex& index) const
{
    if (!index.isValid())
        return root_.get();
    return childAt(*static_cast<Node*>(index.internalPointer()), index.row());
}

QModelIndex ProcessTreeModel::indexFor(const Node* node) const
{
    return node == root_.get() ? QModelIndex() : createIndex(node->row, 0, node->parent);
}

QModelIndex ProcessTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeFor(parent));
}

QModelIndex ProcessTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexFor(static_cast<const Node*>(child.internalPointer()));
}

int ProcessTreeModel::loadedRowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return nodeFor(parent)->loadedChildren;
}

int ProcessTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int ProcessTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool ProcessTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return false;
    const Node* node = nodeFor(parent);
    return node->fetched ? !node->children.empty() : node->mayHaveChildren();
}

bool ProcessTreeModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return false;
    const Node* node = nodeFor(parent);
    return !node->fetched && node->mayHaveChildren();
}

void ProcessTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    ensureFetched(*nodeFor(parent));
}

std::int64_t ProcessTreeModel::countChildren(const Node& node) const
{
    switch (node.kind) {
    case Node::Kind::Host:
        return analysis::countRootProcesses(case_->db(), node.hostId, analysis::RootKind::Root);
    case Node::Kind::UnknownParent:
        return analysis::countRootProcesses(case_->db(), node.hostId, analysis::RootKind::Orphan);
    case Node::Kind::Process:
        return node.process.childCount;
    case Node::Kind::Root:
        break;
    }
    return 0;
}

void ProcessTreeModel::ensureFetched(Node& node)
{
    if (node.fetched)
        return;
    node.fetched = true;
    std::int64_t processes = 0;
    bool addUnknownParent = false;
    try {
        processes = countChildren(node);
        addUnknownParent = node.kind == Node::Kind::Host &&
                           analysis::countRootProcesses(case_->db(), node.hostId, analysis::RootKind::Orphan) > 0;
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot count the child processes of" << node.hostName << node.process.id << ":"
                            << error.what();
    }
    const std::int64_t rows = processes + (addUnknownParent ? 1 : 0);
    if (rows == 0) {
        // The item loses its expander; views must hear about it.
        const QModelIndex index = indexFor(&node);
        if (index.isValid())
            emit dataChanged(index, index);
        return;
    }
    beginInsertRows(indexFor(&node), 0, static_cast<int>(rows) - 1);
    node.children.resize(static_cast<std::size_t>(rows));
    if (addUnknownParent) {
        auto unknown = std::make_unique<Node>();
        unknown->kind = Node::Kind::UnknownParent;
        unknown->parent = &node;
        unknown->row = static_cast<int>(processes);
        unknown->hostId = node.hostId;
        unknown->hostName = node.hostName;
        node.children.back() = std::move(unknown);
        ++node.loadedChildren;
    }
    endInsertRows();
}

ProcessTreeModel::Node* ProcessTreeModel::childAt(Node& parent, int row) const
{
    auto& child = parent.children[static_cast<std::size_t>(row)];
    if (!child)
        loadPage(parent, row);
    return child.get();
}

// Reads the page of process rows that contains `row`. The rows already exist, so no signal is needed. A row the
// case no longer returns becomes an empty process, so that every index keeps a node.
void ProcessTreeModel::loadPage(Node& parent, int row) const
{
    const bool hasUnknownParent =
        !parent.children.empty() && parent.children.back() && parent.children.back()->kind == Node::Kind::UnknownParent;
    const int processRows = static_cast<int>(parent.children.size()) - (hasUnknownParent ? 1 : 0);
    const int first = row / pageSize_ * pageSize_;
    const analysis::PageRange page{first, std::min(pageSize_, processRows - first)};
    std::vector<analysis::ProcessNode> processes;
    try {
        const store::Database& db = case_->db();
        if (parent.kind == Node::Kind::Host)
            processes = analysis::loadRootProcesses(db, parent.hostId, analysis::RootKind::Root, page);
        else if (parent.kind == Node::Kind::UnknownParent)
            processes = analysis::loadRootProcesses(db, parent.hostId, analysis::RootKind::Orphan, page);
        else
            processes = analysis::loadChildProcesses(db, parent.process.id, page);
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot read the child processes of" << parent.hostName << parent.process.id
                            << "from row" << first << ":" << error.what();
    }
    if (processes.size() != static_cast<std::size_t>(page.limit)) {
        qCWarning(lcModels) << "expected" << page.limit << "child processes of" << parent.hostName << parent.process.id
                            << "from row" << first << "but read" << processes.size();
    }
    processes.resize(static_cast<std::size_t>(page.limit));
    for (int offset = 0; offset < page.limit; ++offset) {
        auto& slot = parent.children[static_cast<std::size_t>(first + offset)];
        if (slot)
            continue;
        slot = std::make_unique<Node>();
        slot->kind = Node::Kind::Process;
        slot->parent = &parent;
        slot->row = first + offset;
        slot->process = std::move(processes[static_cast<std::size_t>(offset)]);
        ++parent.loadedChildren;
    }
}

ProcessTreeModel::Node* ProcessTreeModel::childForProcess(Node& parent, const analysis::ProcessNode& process)
{
    ensureFetched(parent);
    std::int64_t row = -1;
    try {
        row = analysis::siblingPosition(case_->db(), process);
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot find the row of process" << process.id << ":" << error.what();
    }
    if (row < 0 || row >= static_cast<std::int64_t>(parent.children.size()))
        return nullptr;
    Node* child = childAt(parent, static_cast<int>(row));
    return child->kind == Node::Kind::Process && child->process.id == process.id ? child : nullptr;
}

ProcessTreeModel::Node* ProcessTreeModel::hostNode(const std::optional<std::string>& hostId)
{
    for (const auto& host : root_->children) {
        if (host->hostId == hostId)
            return host.get();
    }
    return nullptr;
}

QModelIndex ProcessTreeModel::indexForProcess(std::int64_t processId)
{
    if (!case_)
        return {};
    std::vector<analysis::ProcessNode> chain;
    try {
        chain = analysis::ancestry(case_->db(), processId);
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot read the ancestry of process" << processId << ":" << error.what();
    }
    if (chain.empty())
        return {};

    Node* node = hostNode(chain.front().hostId);
    if (node && chain.front().isOrphan()) {
        ensureFetched(*node);
        const bool hasUnknownParent = !node->children.empty() && node->children.back() &&
                                      node->children.back()->kind == Node::Kind::UnknownParent;
        node = hasUnknownParent ? node->children.back().get() : nullptr;
    }
    for (const analysis::ProcessNode& link : chain) {
        if (!node)
            break;
        node = childForProcess(*node, link);
    }
    if (!node)
        qCWarning(lcModels) << "process" << processId << "is not reachable from its host in the tree";
    return node ? indexFor(node) : QModelIndex();
}

std::int64_t ProcessTreeModel::processId(const QModelIndex& index) const
{
    const Node* node = index.isValid() ? nodeFor(index) : nullptr;
    return node && node->kind == Node::Kind::Process ? node->process.id : 0;
}

QVariant ProcessTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node& node = *nodeFor(index);
    const bool isProcess = node.kind == Node::Kind::Process;
    const auto found = isProcess ? findingProcesses_.find(node.process.id) : findingProcesses_.end();
    const bool inFinding = found != findingProcesses_.end();
    const bool bookmarked = isProcess && bookmarkedProcesses_.count(node.process.id) > 0;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        if (inFinding)
            return reviewIcon(found->second);
        return bookmarked ? QVariant(bookmarkIcon()) : QVariant();
    case Qt::FontRole:
        if (!isProcess || !node.process.entityInferred)
            return {};
        {
            QFont font;
            font.setItalic(true);
            return font;
        }
    case Qt::ToolTipRole:
        return toolTip(node, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == ExitCodeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ProcessIdRole:
        return isProcess ? QVariant::fromValue<qint64>(node.process.id) : QVariant();
    case InFindingRole:
        return inFinding;
    case ReviewStateRole:
        return inFinding ? QVariant(static_cast<int>(found->second)) : QVariant();
    case InferredRole:
        return isProcess && node.process.entityInferred;
    case BookmarkedRole:
        return bookmarked;
    case MatchesFilterRole:
        return !isProcess || !filterProcesses_ ||
               std::binary_search(filterProcesses_->begin(), filterProcesses_->end(), node.process.id);
    case Qt::ForegroundRole:
        if (data(index, MatchesFilterRole).toBool())
            return {};
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    default:
        return {};
    }
}

QVariant ProcessTreeModel::toolTip(const Node& node, int column) const
{
    if (node.kind != Node::Kind::Process)
        return {};
    if (column == CommandLineColumn)
        return utf8(node.process.commandLine);
    if (column != NameColumn)
        return {};
    QStringList lines;
    const auto found = findingProcesses_.find(node.process.id);
    if (found != findingProcesses_.end())
        lines.append(tr("Step of a finding: %1").arg(reviewText(found->second)));
    if (bookmarkedProcesses_.count(node.process.id) > 0)
        lines.append(tr("An event of this process is bookmarked"));
    if (node.process.entityInferred) {
        lines.append(tr("Inferred identity: the events have no process.entity_id, so this generation is keyed on "
                        "host, pid and start time (%1)")
                         .arg(utf8(node.process.entityKey)));
    } else {
        lines.append(tr("process.entity_id: %1").arg(utf8(node.process.entityKey)));
    }
    if (node.parent && node.parent->kind == Node::Kind::Process && node.parent->process.pid == node.process.pid)
        lines.append(tr("Started by exec in the generation above (same pid %1)").arg(node.process.pid.value_or(0)));
    return lines.join(QLatin1Char('\n'));
}

QVariant ProcessTreeModel::displayData(const Node& node, int column) const
{
    if (node.kind == Node::Kind::Host) {
        if (column != NameColumn)
            return {};
        const QString name = node.hostName.isEmpty() ? tr("(no host.name)") : node.hostName;
        return tr("%1 (%2 processes)").arg(name, QLocale().toString(node.processCount));
    }
    if (node.kind == Node::Kind::UnknownParent)
        return column == NameColumn ? tr("unknown parent") : QVariant();

    const analysis::ProcessNode& process = node.process;
    switch (column) {
    case NameColumn:
        return utf8(process.name);
    case PidColumn:
        return process.pid ? QVariant::fromValue<qint64>(*process.pid) : QVariant();
    case UserColumn:
        return utf8(process.user);
    case StartColumn:
        return isoTime(process.startNs);
    case EndColumn:
        return isoTime(process.endNs);
    case ExitCodeColumn:
        return process.exitCode ? QVariant::fromValue<qint64>(*process.exitCode) : QVariant();
    case CommandLineColumn:
        return utf8(process.commandLine);
    default:
        return {};
    }
}

QVariant ProcessTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Process");
    case PidColumn:
        return tr("PID");
    case UserColumn:
        return tr("User");
    case StartColumn:
        return tr("Start (UTC)");
    case EndColumn:
        return tr("End (UTC)");
    case ExitCodeColumn:
        return tr("Exit code");
    case CommandLineColumn:
        return tr("Command line");
    default:
        return {};
    }
}

} // namespace spoor::ui
