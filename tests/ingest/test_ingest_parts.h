#pragma once

#include <QObject>

// Declared apart from the test bodies because moc 6.4 cannot parse some of their raw string literals.
class TestIngestParts : public QObject
{
    Q_OBJECT

private slots:
    void sha256Vectors_data();
    void sha256Vectors();
    void scannerFindsValueEnd_data();
    void scannerFindsValueEnd();
    void scannerResumes();
    void nestingDepthStopsAtLimit();
    void forEachMemberSlicesValues();
    void utf8Validation_data();
    void utf8Validation();
};
