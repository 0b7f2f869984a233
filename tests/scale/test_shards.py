"""Shards: cut in input order, shrinking when a size function is given, same ids for the same documents."""
from veille.records import Document
from veille.scale.run import MIN_SHARD_DOCS, shard_sizes
from veille.scale.shards import make_shards, read_shard


def docs(n):
    return [Document(id=f"d{i:03d}", text=f"Texte {i}.", lang="fr") for i in range(n)]


def test_fixed_size_shards_keep_the_input_order(tmp_path):
    shards = list(make_shards(docs(10), 4, tmp_path, "fp"))
    assert [s.documents for s in shards] == [4, 4, 2]
    assert [d.id for s in shards for d in read_shard(s.path)] == [d.id for d in docs(10)]


def test_guided_shards_shrink_to_the_minimum_and_cover_every_document(tmp_path):
    shards = list(make_shards(docs(100), shard_sizes(100, 2), tmp_path, "fp"))
    sizes = [s.documents for s in shards]
    assert sizes == [25, 19, 16, 16, 16, 8]  # a quarter of what is left, at least MIN_SHARD_DOCS, then the rest
    assert min(sizes[:-1]) == MIN_SHARD_DOCS
    assert [d.id for s in shards for d in read_shard(s.path)] == [d.id for d in docs(100)]
    again = list(make_shards(docs(100), shard_sizes(100, 2), tmp_path / "other", "fp"))
    assert [s.shard_id for s in again] == [s.shard_id for s in shards]  # same documents, same shard ids


def test_unknown_total_gives_the_largest_shards(tmp_path):
    assert shard_sizes(None, 4)(0) == shard_sizes(None, 4)(5000) == 1000
