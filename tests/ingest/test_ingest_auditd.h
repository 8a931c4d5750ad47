#pragma once

#include <QObject>

// Import of raw Linux audit logs, laurel JSON lines and Auditbeat documents.
// Declared apart from the test bodies because moc 6.4 cannot parse some of their raw string literals.
class TestIngestAuditd : public QObject
{
    Q_OBJECT

private slots:
    void execWithSplitArguments();
    void interleavedProcessLifecycle();
    void aarch64AndUserMessage();
    void laurelMatchesRawRecords();
    void badRecordsAreCounted();
    void corpusSample_data();
    void corpusSample();
    void capturedSshdActions();
    void auditbeatDocuments();
    void sourceCapabilitiesTable();
    void mapperForgetsLeastRecentProcess();
    void syslogHeaderForms_data();
    void syslogHeaderForms();
    void capturedThroughSyslog_data();
    void capturedThroughSyslog();
    void syslogMixedWithOtherLines();
};
