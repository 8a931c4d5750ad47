#include "store/document_writer.h"

#include "store/database.h"

namespace spoor::store {

DocumentWriter::DocumentWriter(Database& db, std::size_t blockBytes, int level)
    : db_(db), blockBytes_(blockBytes), builder_(level),
      insert_(db.prepare("INSERT INTO document_blocks (id, count, data) VALUES (?1, ?2, ?3)"))
{}

DocumentRef DocumentWriter::nextRef()
{
    if (blockId_ == 0) {
        auto select = db_.prepare("SELECT coalesce(max(id), 0) + 1 FROM document_blocks");
        select.step();
        blockId_ = select.int64(0);
    }
    return {blockId_, static_cast<std::int64_t>(builder_.count())};
}

void DocumentWriter::append(std::string_view document)
{
    nextRef();
    builder_.append(document);
    if (builder_.textBytes() >= blockBytes_)
        flush();
}

void DocumentWriter::flush()
{
    if (builder_.empty())
        return;
    std::string_view frame;
    try {
        frame = builder_.compress();
    } catch (const BlockFormatError& error) {
        throw StoreError(db_.path() + ": " + error.what());
    }
    insert_.bind(1, blockId_)
        .bind(2, static_cast<std::int64_t>(builder_.count()))
        .bindBlob(3, frame.data(), frame.size());
    insert_.run();
    discard();
}

void DocumentWriter::discard()
{
    builder_.clear();
    blockId_ = 0;
}

} // namespace spoor::store
