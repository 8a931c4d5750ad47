#pragma once

#include "analysis/data_readiness.h"

#include <QFutureWatcher>
#include <QWidget>
#include <memory>
#include <optional>

class QLabel;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace spoor::store {
class CaseFile;
}

namespace spoor::ui {

// Per rule: whether the open case can produce findings for it ("ready", "partly", "cannot match on this
// data"), the reasons, and per step the fields and constants it needs with how many events have them. The
// check reads the case on a worker thread (a document scan for fields without a column), with Cancel.
class DataReadinessView : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, VerdictColumn, EventsColumn, DetailColumn, ColumnCount };

    explicit DataReadinessView(QWidget* parent = nullptr);
    ~DataReadinessView() override;

    // Checks the built-in rules and the rules stored in the case, or clears the view for nullptr.
    void setCase(std::shared_ptr<store::CaseFile> caseFile);
    void refresh();
    void cancel();
    bool isRunning() const;

    QTreeWidget* tree() const { return tree_; }
    const std::optional<analysis::ReadinessReport>& report() const { return report_; }

signals:
    void finished();

private:
    struct Check;
    void checkFinished();
    void showReport(const analysis::ReadinessReport& report);
    void addRule(const analysis::RuleReadiness& rule, const analysis::Census& census);
    void addSteps(QTreeWidgetItem* parent, const analysis::RuleNeeds& needs, const analysis::Census& census);

    std::shared_ptr<store::CaseFile> case_;
    QLabel* summary_;
    QToolButton* refreshButton_;
    QToolButton* cancelButton_;
    QTreeWidget* tree_;
    QFutureWatcher<void> watcher_;
    std::shared_ptr<Check> check_;
    std::optional<analysis::ReadinessReport> report_;
};

} // namespace spoor::ui
