#pragma once

#include <QWidget>
#include <cstdint>

class QTextBrowser;
class QUrl;

namespace spoor::store {
class Database;
}

namespace spoor::ui {

// One finding explained: the rule's name, severity and description, the analyst's verdict, the join
// keys, each step with its process and command line, the ATT&CK techniques with links, and the rule's
// investigation guide (its Markdown note) and references.
class FindingDetailView : public QWidget
{
    Q_OBJECT

public:
    explicit FindingDetailView(QWidget* parent = nullptr);

    // Shows a finding of the case; shows a message when it cannot be read.
    void setFinding(const store::Database& db, std::int64_t findingId);
    // Shows a short summary of a group in place of a finding.
    void setGroupSummary(const QString& html);
    void clear();

    std::int64_t findingId() const { return findingId_; }
    QTextBrowser* browser() const { return browser_; }

private:
    void openLink(const QUrl& url);
    void show(const store::Database& db, std::int64_t findingId);

    std::int64_t findingId_ = 0;
    QTextBrowser* browser_;
};

} // namespace spoor::ui
