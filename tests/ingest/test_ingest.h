#pragma once

#include <QObject>

// Declared apart from the test bodies because moc 6.4 cannot parse some of their raw string literals.
class TestIngest : public QObject
{
    Q_OBJECT

private slots:
    void importsFormat_data();
    void importsFormat();
    void storesDocumentVerbatim_data();
    void storesDocumentVerbatim();
    void extractsHotColumns();
    void readsDottedKeysAndFallbacks();
    void recordsBadLine_data();
    void recordsBadLine();
    void replacesInvalidUtf8();
    void rejectsTruncatedLastLine();
    void rejectsLongLine();
    void rejectsDeepArrayElement();
    void rejectsUnsupportedFile_data();
    void rejectsUnsupportedFile();
    void marksTruncatedStream_data();
    void marksTruncatedStream();
    void readsMultiMemberGzip();
    void skipsDuplicates_data();
    void skipsDuplicates();
    void skipsReimport();
    void storesSourceHash();
    void cancelsBetweenDocuments();
    void reportsProgress();
    void walksFolders();
    void reportsMissingPath();
    void importsScenario_data();
    void importsScenario();
    void importsEndpointSamples();
};
