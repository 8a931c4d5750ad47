#include "models/findings_model.h"

#include "logging.h"
#include "sql_text.h"
#include "store/case_file.h"
#include "store/statement.h"
#include "time_text.h"

#include <QBrush>
#include <QColor>

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

} // namespace

FindingsModel::FindingsModel(QObject* parent) : QAbstractTableModel(parent) {}

FindingsModel::~FindingsModel() = default;

void FindingsModel::setCase(std::shared_ptr<store::CaseFile> caseFile)
{
    std::vector<Finding> findings;
    if (caseFile) {
        try {
            findings = load(*caseFile);
        } catch (const store::StoreError& error) {
            qCWarning(lcModels) << "cannot read the findings of" << caseFile->path().c_str() << ":" << error.what();
        }
    }
    beginResetModel();
    findings_ = std::move(findings);
    endResetModel();
}

std::vector<FindingsModel::Finding> FindingsModel::load(store::CaseFile& caseFile) const
{
    // Re-running a rule stores a new run with new findings. Only the latest complete run of each rule is
    // listed, so that a finding appears once.
    auto select = caseFile.db().prepare(
        "SELECT f.id, r.name, r.severity, f.host_id, f.host_name, f.user_name, f.first_ns, f.last_ns,"
        " (SELECT count(*) FROM finding_events fe WHERE fe.finding = f.id)"
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
        findings.push_back(std::move(finding));
    }
    return findings;
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(findings_.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Finding& finding = findings_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(finding, index.column());
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn && severityColor(finding.severity).isValid())
            return QBrush(severityColor(finding.severity));
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == StepsColumn ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case FindingIdRole:
        return QVariant::fromValue<qint64>(finding.id);
    case HostIdRole:
        return finding.hostId;
    case FirstNsRole:
        return optionalVariant(finding.firstNs);
    case LastNsRole:
        return optionalVariant(finding.lastNs);
    default:
        return {};
    }
}

QVariant FindingsModel::displayData(const Finding& finding, int column) const
{
    switch (column) {
    case RuleColumn:
        return finding.rule;
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
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case RuleColumn:
        return tr("Rule");
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

std::int64_t FindingsModel::findingId(int row) const
{
    return row >= 0 && row < rowCount() ? findings_[static_cast<std::size_t>(row)].id : 0;
}

int FindingsModel::rowOfFinding(std::int64_t findingId) const
{
    for (std::size_t row = 0; row < findings_.size(); ++row) {
        if (findings_[row].id == findingId)
            return static_cast<int>(row);
    }
    return -1;
}

} // namespace spoor::ui
