#include "models/findings_model.h"

#include "jobs/worker_pool.h"
#include "logging.h"
#include "plain_tool_tip.h"
#include "review_state.h"
#include "sql_text.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "time_text.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <unordered_map>

namespace spoor::ui {

namespace {

QColor severityColor(const QString& severity)
{
    if (severity == QLatin1String("critical"))
        return QColor(0xb0, 0x00, 0x20);
    if (severity == QLatin1String("high"))
        return QColor(0xc0, 0x50, 0x00);
    if (severity == QLatin1String("medium"))
        return QColor(0x9a, 0x7a, 0x00);
    return {};
}

// Benign rows are drawn in grey, so that the findings left to review are easier to see.
const QColor benignText(0x80, 0x80, 0x80);

QString keyName(analysis::GroupKey key)
{
    switch (key) {
    case analysis::GroupKey::RuleVersion:
        return FindingsModel::tr("rule version");
    case analysis::GroupKey::Host:
        return FindingsModel::tr("host.name");
    case analysis::GroupKey::User:
        return FindingsModel::tr("user.name");
    case analysis::GroupKey::StepCommandLine:
    case analysis::GroupKey::StepExecutable:
    case analysis::GroupKey::StepProcessName:
    case analysis::GroupKey::StepParent:
        break;
    }
    return QString::fromUtf8(analysis::groupKeyField(key).data(),
                             static_cast<qsizetype>(analysis::groupKeyField(key).size()));
}

// Returns "benign" or "malicious" when every finding of the group has that verdict, the counts when only
// some do, and an empty string when none has a verdict.
QString groupVerdictText(const analysis::FindingGroup& group)
{
    if (group.benign == group.count())
        return reviewText(ReviewState::Benign);
    if (group.malicious == group.count())
        return reviewText(ReviewState::Malicious);
    if (group.benign == 0 && group.malicious == 0)
        return {};
    return FindingsModel::tr("%1 benign, %2 malicious of %3").arg(group.benign).arg(group.malicious).arg(group.count());
}

// Returns the number of findings of the latest complete run of each rule, from the runs' own counts.
std::int64_t countLatestFindings(const store::Database& db)
{
    auto select = db.prepare("SELECT coalesce(sum(findings), 0) FROM rule_runs"
                             " WHERE id IN (SELECT max(id) FROM rule_runs WHERE status = 'complete' GROUP BY rule)");
    return select.step() ? select.int64(0) : 0;
}

} // namespace

FindingsModel::FindingsModel(QObject* parent) : QAbstractItemModel(parent) {}

FindingsModel::~FindingsModel() = default;

void FindingsModel::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    const bool sameFile = case_ && caseFile && case_->path() == caseFile->path();
    case_ = std::move(caseFile);
    if (!sameFile)
        showContents({});
    reload();
}

void FindingsModel::setGrouping(std::optional<analysis::GroupKey> key, int step)
{
    // The key decides the rows' structure, so the rows of the old key go with it. A reload in the background
    // would otherwise leave them under the new key until it ends.
    beginResetModel();
    groupKey_ = key;
    groupStep_ = step;
    findings_.clear();
    shown_.clear();
    groups_.clear();
    endResetModel();
    reload();
}

analysis::GroupingRequest FindingsModel::groupingRequest() const
{
    analysis::GroupingRequest request;
    request.key = groupKey_.value_or(analysis::GroupKey::RuleVersion);
    request.step = groupStep_;
    return request;
}

void FindingsModel::setHideBenign(bool hide)
{
    if (hide == hideBenign_)
        return;
    hideBenign_ = hide;
    reload();
}

void FindingsModel::reload()
{
    ++generation_;
    loading_ = false;
    if (!case_) {
        showContents({});
        emit loaded();
        return;
    }
    const Request request{groupKey_, groupingRequest(), hideBenign_};
    try {
        if (countLatestFindings(case_->db()) > synchronousLoadLimit_) {
            loadInBackground(request);
            return;
        }
        showContents(readContents(case_->db(), request));
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot read the findings of" << case_->path().c_str() << ":" << error.what();
        showContents({});
    }
    emit loaded();
}

void FindingsModel::loadInBackground(const Request& request)
{
    loading_ = true;
    const quint64 generation = generation_;
    const std::string path = case_->path();
    auto* watcher = new QFutureWatcher<std::shared_ptr<Contents>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != generation_)
            return;
        loading_ = false;
        const std::shared_ptr<Contents> contents = watcher->result();
        showContents(contents ? std::move(*contents) : Contents{});
        emit loaded();
    });
    watcher->setFuture(QtConcurrent::run(workerPool(), [path, request]() -> std::shared_ptr<Contents> {
        try {
            auto caseFile = store::CaseFile::open(path, store::CaseFile::Access::ReadOnly);
            return std::make_shared<Contents>(readContents(caseFile.db(), request));
        } catch (const std::exception& error) {
            qCWarning(lcModels) << "cannot read the findings of" << path.c_str() << ":" << error.what();
            return nullptr;
        }
    }));
}

void FindingsModel::showContents(Contents contents)
{
    beginResetModel();
    findings_ = std::move(contents.findings);
    shown_ = std::move(contents.shown);
    groups_ = std::move(contents.groups);
    endResetModel();
}

FindingsModel::Contents FindingsModel::readContents(const store::Database& db, const Request& request)
{
    Contents contents;
    contents.findings = loadFindings(db);
    for (std::size_t position = 0; position < contents.findings.size(); ++position) {
        if (!request.hideBenign || contents.findings[position].verdict != QLatin1String("benign"))
            contents.shown.push_back(position);
    }
    if (request.groupKey)
        buildGroups(contents, analysis::groupFindings(db, request.grouping));
    return contents;
}

std::vector<FindingsModel::Finding> FindingsModel::loadFindings(const store::Database& db)
{
    // Re-running a rule stores a new run with new findings. Only the latest complete run of each rule is
    // listed, so that a finding appears once.
    auto select =
        db.prepare("SELECT f.id, r.name, r.severity, f.host_id, f.host_name, f.user_name, f.first_ns, f.last_ns,"
                   " (SELECT count(*) FROM finding_events fe WHERE fe.finding = f.id), f.verdict, f.verdict_reason"
                   " FROM findings f JOIN rules r ON r.id = f.rule"
                   " WHERE f.run IN (SELECT max(id) FROM rule_runs WHERE status = 'complete' GROUP BY rule)"
                   " ORDER BY f.first_ns, f.id");
    std::vector<Finding> findings;
    while (select.step()) {
        Finding finding;
        finding.id = select.int64(0);
        finding.rule = textColumn(select, 1);
        finding.severity = textColumn(select, 2);
        finding.hostId = textColumn(select, 3);
        finding.host = textColumn(select, 4);
        finding.user = textColumn(select, 5);
        finding.firstNs = select.optionalInt64(6);
        finding.lastNs = select.optionalInt64(7);
        finding.steps = static_cast<int>(select.int64(8));
        finding.verdict = textColumn(select, 9);
        finding.verdictReason = textColumn(select, 10);
        findings.push_back(std::move(finding));
    }
    return findings;
}

void FindingsModel::buildGroups(Contents& contents, std::vector<analysis::FindingGroup> groups)
{
    std::unordered_map<std::int64_t, std::size_t> positionOf;
    for (const std::size_t position : contents.shown)
        positionOf.emplace(contents.findings[position].id, position);
    for (analysis::FindingGroup& found : groups) {
        Group group;
        int state = -1;
        for (const std::int64_t id : found.findingIds) {
            const auto position = positionOf.find(id);
            if (position == positionOf.end())
                continue;
            group.members.push_back(position->second);
            state = std::max(state, static_cast<int>(reviewState(contents.findings[position->second].verdict)));
        }
        if (group.members.empty())
            continue;
        group.state = state;
        group.group = std::move(found);
        contents.groups.push_back(std::move(group));
    }
}

QModelIndex FindingsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // internalId 0 marks a top-level row, and a finding under group g has internalId g + 1.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row()) + 1 : quintptr(0));
}

QModelIndex FindingsModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(groupKey_ ? groups_.size() : shown_.size());
    if (parent.column() != 0 || parent.internalId() != 0 || !groupKey_)
        return 0;
    return static_cast<int>(groups_[static_cast<std::size_t>(parent.row())].members.size());
}

int FindingsModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool FindingsModel::isGroup(const QModelIndex& index) const
{
    return index.isValid() && groupKey_ && index.internalId() == 0;
}

const FindingsModel::Finding* FindingsModel::findingAt(const QModelIndex& index) const
{
    if (!index.isValid() || isGroup(index))
        return nullptr;
    const auto row = static_cast<std::size_t>(index.row());
    if (index.internalId() == 0)
        return &findings_[shown_[row]];
    return &findings_[groups_[index.internalId() - 1].members[row]];
}

std::int64_t FindingsModel::findingId(const QModelIndex& index) const
{
    const Finding* finding = findingAt(index);
    return finding ? finding->id : 0;
}

std::vector<std::int64_t> FindingsModel::findingIds(const QModelIndex& index) const
{
    if (!isGroup(index)) {
        const std::int64_t id = findingId(index);
        return id ? std::vector<std::int64_t>{id} : std::vector<std::int64_t>{};
    }
    std::vector<std::int64_t> ids;
    for (const std::size_t position : groups_[static_cast<std::size_t>(index.row())].members)
        ids.push_back(findings_[position].id);
    return ids;
}

const analysis::FindingGroup* FindingsModel::group(const QModelIndex& index) const
{
    return isGroup(index) ? &groups_[static_cast<std::size_t>(index.row())].group : nullptr;
}

QModelIndex FindingsModel::indexOfFinding(std::int64_t findingId) const
{
    if (!groupKey_) {
        for (std::size_t row = 0; row < shown_.size(); ++row) {
            if (findings_[shown_[row]].id == findingId)
                return index(static_cast<int>(row), 0);
        }
        return {};
    }
    for (std::size_t groupRow = 0; groupRow < groups_.size(); ++groupRow) {
        const auto& members = groups_[groupRow].members;
        for (std::size_t row = 0; row < members.size(); ++row) {
            if (findings_[members[row]].id == findingId)
                return index(static_cast<int>(row), 0, index(static_cast<int>(groupRow), 0));
        }
    }
    return {};
}

QModelIndex FindingsModel::indexOfGroup(const std::optional<std::string>& value) const
{
    for (std::size_t row = 0; row < groups_.size(); ++row) {
        if (groups_[row].group.value == value)
            return index(static_cast<int>(row), 0);
    }
    return {};
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (isGroup(index))
        return groupData(groups_[static_cast<std::size_t>(index.row())], index.column(), role);
    return findingData(*findingAt(index), index.column(), role);
}

QVariant FindingsModel::findingData(const Finding& finding, int column, int role) const
{
    const ReviewState state = reviewState(finding.verdict);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case RuleColumn:
            return finding.rule;
        case VerdictColumn:
            return finding.verdict;
        case SeverityColumn:
            return finding.severity;
        case HostColumn:
            return finding.host;
        case UserColumn:
            return finding.user;
        case FirstTimeColumn:
            return isoTime(finding.firstNs);
        case StepsColumn:
            return finding.steps;
        default:
            return {};
        }
    case Qt::DecorationRole:
        return column == VerdictColumn ? QVariant(reviewIcon(state)) : QVariant();
    case Qt::ToolTipRole:
        if (column == VerdictColumn && !finding.verdict.isEmpty())
            return plainToolTip(tr("%1: %2").arg(finding.verdict, finding.verdictReason));
        return column == VerdictColumn ? tr("Not reviewed yet") : QVariant();
    case Qt::ForegroundRole:
        if (state == ReviewState::Benign)
            return QBrush(benignText);
        if (column == VerdictColumn && state == ReviewState::Malicious)
            return QBrush(reviewColor(state));
        if (column == SeverityColumn && severityColor(finding.severity).isValid())
            return QBrush(severityColor(finding.severity));
        return {};
    case Qt::TextAlignmentRole:
        return column == StepsColumn ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case FindingIdRole:
        return QVariant::fromValue<qint64>(finding.id);
    case HostIdRole:
        return finding.hostId;
    case FirstNsRole:
        return optionalVariant(finding.firstNs);
    case LastNsRole:
        return optionalVariant(finding.lastNs);
    case VerdictRole:
        return finding.verdict;
    case ReviewStateRole:
        return static_cast<int>(state);
    case IsGroupRole:
        return false;
    default:
        return {};
    }
}

QVariant FindingsModel::groupData(const Group& group, int column, int role) const
{
    const auto count = static_cast<qlonglong>(group.members.size());
    switch (role) {
    case Qt::DisplayRole:
        if (column == RuleColumn)
            return QString::fromStdString(group.group.label);
        if (column == CountColumn)
            return QLocale().toString(count);
        if (column == FirstTimeColumn)
            return isoTime(group.group.firstNs);
        if (column == VerdictColumn)
            return groupVerdictText(group.group);
        return {};
    case Qt::DecorationRole:
        return column == VerdictColumn ? QVariant(reviewIcon(ReviewState(group.state))) : QVariant();
    case Qt::ToolTipRole:
        return column == RuleColumn || column == CountColumn ? plainToolTip(groupToolTip(group)) : QVariant();
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    case Qt::ForegroundRole:
        return ReviewState(group.state) == ReviewState::Benign ? QBrush(benignText) : QVariant();
    case Qt::TextAlignmentRole:
        return column == CountColumn ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case FirstNsRole:
        return optionalVariant(group.group.firstNs);
    case LastNsRole:
        return optionalVariant(group.group.lastNs);
    case VerdictRole:
        return QString();
    case ReviewStateRole:
        return group.state;
    case IsGroupRole:
        return true;
    default:
        return {};
    }
}

QString FindingsModel::groupToolTip(const Group& group) const
{
    const analysis::GroupKey key = groupKey_.value_or(analysis::GroupKey::RuleVersion);
    QString text = analysis::isStepKey(key) ? tr("%1 of step %2").arg(keyName(key)).arg(groupStep_ + 1) : keyName(key);
    text += group.group.count() == 1
                ? tr(": %1 of 1 finding shown").arg(group.members.size())
                : tr(": %1 of %2 findings shown").arg(group.members.size()).arg(group.group.count());
    if (group.group.normalized) {
        text += QLatin1Char('\n') + tr("Digits in temporary paths are shown as #. The raw values:");
        for (const std::string& raw : group.group.rawValues)
            text += QLatin1String("\n  ") + QString::fromStdString(raw);
    }
    return text;
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case RuleColumn:
        return groupKey_ ? tr("Group / rule") : tr("Rule");
    case CountColumn:
        return tr("Count");
    case VerdictColumn:
        return tr("Verdict");
    case SeverityColumn:
        return tr("Severity");
    case HostColumn:
        return tr("Host");
    case UserColumn:
        return tr("User");
    case FirstTimeColumn:
        return tr("First event (UTC)");
    case StepsColumn:
        return tr("Steps");
    default:
        return {};
    }
}

} // namespace spoor::ui
