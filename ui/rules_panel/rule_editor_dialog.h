#pragma once

#include "rules/rule.h"

#include <QDialog>
#include <QString>
#include <QTimer>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace spoor::ui {

class EqlHighlighter;

// The result of validating the editor's query: valid, or the first error at a 1-based line and column of
// the query text.
struct EqlValidation
{
    bool valid = false;
    int line = 0;
    int column = 0;
    QString message;
};

// Validates an EQL query with the built-in ECS field types, as a rule run would parse it.
EqlValidation validateEql(const QString& query);

// An editor for the EQL query of one rule, with syntax colours and validation as you type. The first error
// is underlined at its line and column and its message is shown below. A button runs the edited text as a
// new version of the rule, labelled "edited YYYY-MM-DD HH:MM" in local time.
class RuleEditorDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RuleEditorDialog(rules::Rule rule, QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return editor_; }
    QPushButton* runButton() const { return runButton_; }
    EqlHighlighter* highlighter() const { return highlighter_; }

    // Validates the text now instead of after the typing pause.
    void validateNow();
    const EqlValidation& validation() const { return validation_; }
    QString statusText() const;

    // Builds the edited copy of the rule with the editor's query.
    rules::Rule editedRule(const QString& versionLabel) const;

signals:
    // The user asked to run the edited copy; it is valid and differs from the original query.
    void runRequested(const spoor::rules::Rule& edited);

private:
    void underlineError();
    void requestRun();

    rules::Rule rule_;
    QPlainTextEdit* editor_;
    EqlHighlighter* highlighter_;
    QLabel* status_;
    QPushButton* runButton_;
    QTimer validationTimer_;
    EqlValidation validation_;
};

} // namespace spoor::ui
