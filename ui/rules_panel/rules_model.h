#pragma once

#include "rules/rule.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

// The rules of the rules panel, one row per rule version: the built-in pack, then the rule files and
// folders added to the case, with each edited copy listed right after the rule it came from. A file that
// does not load, a query that does not validate and an unsupported language each get a row whose Status
// column shows the error as "PATH:LINE:COLUMN: message", the format of spoor-cli validate. The enabled
// state and the added paths are stored in the case (see rule_settings.h) through the connection given to
// setCase. Edited copies are stored by the rule run, in the rules table.
class RulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        EnabledColumn, // check box
        NameColumn,
        VersionColumn, // [metadata] updated_date, or the label of an edited copy
        SeverityColumn,
        RiskScoreColumn,
        LanguageColumn,
        TechniquesColumn, // ATT&CK technique ids, comma-separated
        StatusColumn,     // "ok", "edited", or the error
        SourceColumn,     // the file path, or "builtin:FILE"
        ColumnCount
    };
    enum Role {
        ProblemRole = Qt::UserRole + 1, // the error text, empty for a runnable rule
        RunnableRole,                   // bool: the row is a valid EQL rule
    };

    explicit RulesModel(QObject* parent = nullptr);
    ~RulesModel() override;

    // Lists the built-in pack and the case's added paths and edited copies; nullptr lists only the pack.
    // Without `writable`, enabling, disabling and adding work for this session only.
    void setCase(std::shared_ptr<store::CaseFile> caseFile, bool writable);

    // Loads rule files and folders (searched recursively for *.toml) and lists their rules after the
    // others. Returns the number of rows with an error among the new ones.
    int addPaths(const QStringList& paths);

    // Lists an edited copy after the rule it came from (or at the end) and returns its row.
    int addEditedRule(rules::Rule rule);

    // Returns the rule of a row, or nullptr for a row without a loaded rule.
    const rules::Rule* rule(int row) const;
    // Returns the runnable rules of the given rows, in row order.
    std::vector<rules::Rule> runnableRules(const std::vector<int>& rows) const;
    std::vector<rules::Rule> enabledRules() const;
    bool isEnabled(int row) const;
    void setEnabled(int row, bool enabled);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // A setting could not be stored in the case; the message names the case and the error.
    void errorOccurred(const QString& message);

private:
    struct Entry
    {
        std::optional<rules::Rule> rule; // nullopt when the file did not load
        QString source;
        QString problem; // empty for a runnable rule
        bool enabled = true;
    };

    std::vector<Entry> loadEntries(const QStringList& paths) const;
    Entry entryFor(rules::Rule rule) const;
    int editedCopyRow(const std::string& ruleId) const;
    void storeSettings();
    QVariant displayData(const Entry& entry, int column) const;

    std::shared_ptr<store::CaseFile> case_;
    bool writable_ = false;
    QStringList addedPaths_;
    std::vector<Entry> entries_;
};

} // namespace spoor::ui
