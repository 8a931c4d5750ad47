#pragma once

#include <QObject>

// Checks that the direct hot-field reader and the flattening path decode every document alike. Declared apart
// from the test bodies because moc 6.4 cannot parse some of their raw string literals.
class TestDecodePaths : public QObject
{
    Q_OBJECT

private slots:
    void documentShape_data();
    void documentShape();
    void readsExpectedColumns();
    void corpusDecodesAlike();
    void generatedDumpReadsDirectly();
};
