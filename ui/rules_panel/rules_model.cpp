#include "rules_panel/rules_model.h"

#include "eql/eql_error.h"
#include "eql/query.h"
#include "logging.h"
#include "plain_tool_tip.h"
#include "rules/builtin_rules.h"
#include "rules/rule_edit.h"
#include "rules/rule_loader.h"
#include "rules_panel/rule_settings.h"
#include "store/case_file.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>
#include <set>

namespace spoor::ui {

namespace {

QString utf8(const std::string& text)
{
    return QString::fromStdString(text);
}

// Returns the error of a rule's query in the form "PATH:LINE:COLUMN: message", with LINE counted in the
// TOML file, or an empty string when the query is valid.
QString queryProblem(const rules::Rule& rule)
{
    try {
        eql::Query::parse(rule.query);
        return {};
    } catch (const eql::EqlError& error) {
        const int line = rule.queryLine > 0 ? rule.queryLine + error.line() - 1 : error.line();
        return QStringLiteral("%1:%2:%3: %4")
            .arg(utf8(rule.origin))
            .arg(line)
            .arg(error.column())
            .arg(utf8(error.message()));
    }
}

QString techniques(const rules::Rule& rule)
{
    QStringList ids;
    for (const rules::Threat& threat : rule.threats) {
        for (const rules::Technique& technique : threat.techniques)
            ids.append(utf8(technique.id));
    }
    return ids.join(QLatin1String(", "));
}

// The source path is the part of a loader message before the first ':' that is followed by a digit or a
// space, so that paths with ':' in a folder name still come out whole in the common case.
QString sourceOfMessage(const QString& message)
{
    for (qsizetype position = message.indexOf(QLatin1Char(':')); position >= 0;
         position = message.indexOf(QLatin1Char(':'), position + 1)) {
        const QChar next = position + 1 < message.size() ? message.at(position + 1) : QChar();
        if (next.isDigit() || next.isSpace())
            return message.left(position);
    }
    return message;
}

} // namespace

RulesModel::RulesModel(QObject* parent) : QAbstractTableModel(parent) {}

RulesModel::~RulesModel() = default;

void RulesModel::setCase(std::shared_ptr<store::CaseFile> caseFile, bool writable)
{
    beginResetModel();
    case_ = std::move(caseFile);
    writable_ = writable && case_;
    addedPaths_.clear();
    entries_.clear();
    for (rules::Rule& rule : rules::builtinRules())
        entries_.push_back(entryFor(std::move(rule)));

    CaseRuleSettings settings;
    std::vector<rules::Rule> edited;
    if (case_) {
        try {
            settings = loadRuleSettings(case_->db());
            edited = loadEditedRules(case_->db());
        } catch (const store::StoreError& error) {
            qCWarning(lcModels) << "cannot read the rule settings of" << case_->path().c_str() << ":" << error.what();
        }
    }
    for (const std::string& path : settings.addedPaths)
        addedPaths_.append(utf8(path));
    for (Entry& entry : loadEntries(addedPaths_))
        entries_.push_back(std::move(entry));
    for (rules::Rule& rule : edited) {
        const int row = editedCopyRow(rule.ruleId);
        entries_.insert(entries_.begin() + row, entryFor(std::move(rule)));
    }
    for (Entry& entry : entries_) {
        if (entry.rule && settings.disabledVersions.count(ruleVersionKey(*entry.rule)) > 0)
            entry.enabled = false;
    }
    endResetModel();
}

int RulesModel::editedCopyRow(const std::string& ruleId) const
{
    // After the original and the copies already made of it, so that the versions of one rule stay together.
    int row = rowCount();
    for (int position = 0; position < rowCount(); ++position) {
        const Entry& entry = entries_[static_cast<std::size_t>(position)];
        if (entry.rule && entry.rule->ruleId == ruleId)
            row = position + 1;
    }
    return row;
}

RulesModel::Entry RulesModel::entryFor(rules::Rule rule) const
{
    Entry entry;
    entry.source = utf8(rule.origin);
    if (rule.isEql())
        entry.problem = queryProblem(rule);
    else
        entry.problem = tr("%1: language %2 is not supported").arg(entry.source, utf8(rule.language));
    entry.rule = std::move(rule);
    return entry;
}

std::vector<RulesModel::Entry> RulesModel::loadEntries(const QStringList& paths) const
{
    std::vector<std::string> list;
    for (const QString& path : paths)
        list.push_back(path.toStdString());
    rules::LoadResult loaded = rules::loadRulePaths(list);

    std::vector<Entry> entries;
    for (rules::Rule& rule : loaded.rules)
        entries.push_back(entryFor(std::move(rule)));
    for (const std::string& skipped : loaded.skipped) {
        Entry entry;
        entry.problem = utf8(skipped);
        entry.source = sourceOfMessage(entry.problem);
        entry.enabled = false;
        entries.push_back(std::move(entry));
    }
    for (const std::string& error : loaded.errors) {
        Entry entry;
        entry.problem = utf8(error);
        entry.source = sourceOfMessage(entry.problem);
        entry.enabled = false;
        entries.push_back(std::move(entry));
    }
    return entries;
}

int RulesModel::addPaths(const QStringList& paths)
{
    std::vector<Entry> entries = loadEntries(paths);
    int problems = 0;
    for (const Entry& entry : entries)
        problems += entry.problem.isEmpty() ? 0 : 1;
    if (!entries.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(entries.size()) - 1);
        for (Entry& entry : entries)
            entries_.push_back(std::move(entry));
        endInsertRows();
    }
    for (const QString& path : paths) {
        if (!addedPaths_.contains(path))
            addedPaths_.append(path);
    }
    storeSettings();
    return problems;
}

int RulesModel::addEditedRule(rules::Rule rule)
{
    const int row = editedCopyRow(rule.ruleId);
    beginInsertRows({}, row, row);
    entries_.insert(entries_.begin() + row, entryFor(std::move(rule)));
    endInsertRows();
    return row;
}

const rules::Rule* RulesModel::rule(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const Entry& entry = entries_[static_cast<std::size_t>(row)];
    return entry.rule ? &*entry.rule : nullptr;
}

std::vector<rules::Rule> RulesModel::runnableRules(const std::vector<int>& rows) const
{
    const std::set<int> sorted(rows.begin(), rows.end());
    std::vector<rules::Rule> runnable;
    for (const int row : sorted) {
        if (row < 0 || row >= rowCount())
            continue;
        const Entry& entry = entries_[static_cast<std::size_t>(row)];
        if (entry.rule && entry.problem.isEmpty())
            runnable.push_back(*entry.rule);
    }
    return runnable;
}

std::vector<rules::Rule> RulesModel::enabledRules() const
{
    std::vector<int> rows;
    for (int row = 0; row < rowCount(); ++row) {
        if (entries_[static_cast<std::size_t>(row)].enabled)
            rows.push_back(row);
    }
    return runnableRules(rows);
}

bool RulesModel::isEnabled(int row) const
{
    return row >= 0 && row < rowCount() && entries_[static_cast<std::size_t>(row)].enabled;
}

void RulesModel::setEnabled(int row, bool enabled)
{
    if (row < 0 || row >= rowCount())
        return;
    Entry& entry = entries_[static_cast<std::size_t>(row)];
    if (!entry.rule || entry.enabled == enabled)
        return;
    entry.enabled = enabled;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    storeSettings();
}

void RulesModel::storeSettings()
{
    if (!writable_)
        return;
    CaseRuleSettings settings;
    for (const QString& path : addedPaths_)
        settings.addedPaths.push_back(path.toStdString());
    for (const Entry& entry : entries_) {
        if (entry.rule && !entry.enabled)
            settings.disabledVersions.insert(ruleVersionKey(*entry.rule));
    }
    try {
        saveRuleSettings(case_->db(), settings);
    } catch (const store::StoreError& error) {
        qCWarning(lcModels) << "cannot store the rule settings in" << case_->path().c_str() << ":" << error.what();
        emit errorOccurred(tr("Storing the rule settings in %1 failed: %2. They apply until the case is closed.")
                               .arg(utf8(case_->path()), QString::fromUtf8(error.what())));
    }
}

int RulesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int RulesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RulesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Entry& entry = entries_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(entry, index.column());
    case Qt::CheckStateRole:
        if (index.column() != EnabledColumn || !entry.rule)
            return {};
        return entry.enabled ? Qt::Checked : Qt::Unchecked;
    case Qt::ForegroundRole:
        return entry.problem.isEmpty() ? QVariant() : QVariant(QBrush(QColor(0xc0, 0x20, 0x20)));
    case Qt::ToolTipRole:
        if (!entry.problem.isEmpty())
            return plainToolTip(entry.problem);
        return entry.rule && index.column() == NameColumn ? QVariant(plainToolTip(utf8(entry.rule->description)))
                                                          : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == RiskScoreColumn ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case ProblemRole:
        return entry.problem;
    case RunnableRole:
        return entry.rule.has_value() && entry.problem.isEmpty();
    default:
        return {};
    }
}

QVariant RulesModel::displayData(const Entry& entry, int column) const
{
    if (!entry.rule) {
        if (column == NameColumn)
            return QFileInfo(entry.source).fileName();
        if (column == StatusColumn)
            return entry.problem;
        return column == SourceColumn ? QVariant(entry.source) : QVariant();
    }
    const rules::Rule& rule = *entry.rule;
    switch (column) {
    case NameColumn:
        return utf8(rule.name);
    case VersionColumn:
        return utf8(rule.updatedDate);
    case SeverityColumn:
        return utf8(rule.severity);
    case RiskScoreColumn:
        return rule.riskScore;
    case LanguageColumn:
        return utf8(rule.language);
    case TechniquesColumn:
        return techniques(rule);
    case StatusColumn:
        if (!entry.problem.isEmpty())
            return entry.problem;
        return rules::isEditedCopy(rule) ? tr("edited") : tr("ok");
    case SourceColumn:
        return entry.source;
    default:
        return {};
    }
}

bool RulesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != EnabledColumn ||
        role != Qt::CheckStateRole)
        return false;
    if (!entries_[static_cast<std::size_t>(index.row())].rule)
        return false;
    setEnabled(index.row(), value.toInt() == Qt::Checked);
    return true;
}

Qt::ItemFlags RulesModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == EnabledColumn && entries_[static_cast<std::size_t>(index.row())].rule)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant RulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case EnabledColumn:
        return tr("On");
    case NameColumn:
        return tr("Rule");
    case VersionColumn:
        return tr("Version");
    case SeverityColumn:
        return tr("Severity");
    case RiskScoreColumn:
        return tr("Risk");
    case LanguageColumn:
        return tr("Language");
    case TechniquesColumn:
        return tr("ATT&CK");
    case StatusColumn:
        return tr("Status");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

} // namespace spoor::ui
