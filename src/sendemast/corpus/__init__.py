"""The corpus: loaders for values documents and past posts, chunking, and incremental ingestion."""
