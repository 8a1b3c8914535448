"""jieba tokens: local names stay whole, learned names persist, no noise on load, cache stays in home."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rag.errors import ConfigError
from rag.index.tokenize import Tokenizer


def test_local_names_are_single_tokens(tmp_path):
    tok = Tokenizer(tmp_path)
    tokens = tok.tokenize("衢江区廿里镇召开会议，记者王慧杰、通讯员贵丽青报道。")
    for name in ("衢江", "廿里镇", "王慧杰", "贵丽青"):
        assert name in tokens
    assert "，" not in tokens and "。" not in tokens and "" not in tokens
    assert "的" not in tok.tokenize("廿里镇的会议")


def test_userdict_names_stay_whole(tmp_path):
    text = "蒋晓雯走访了樟村坑"
    assert "樟村坑" not in Tokenizer(tmp_path / "a").tokenize(text)
    userdict = tmp_path / "names.txt"
    userdict.write_text("樟村坑 10 ns\n蒋晓雯\n", encoding="utf-8")
    tokens = Tokenizer(tmp_path / "b", userdict=userdict).tokenize(text)
    assert "樟村坑" in tokens and "蒋晓雯" in tokens


def test_missing_userdict_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="RAG_USERDICT"):
        Tokenizer(tmp_path, userdict=tmp_path / "nope.txt").tokenize("衢江")


def test_learned_names_survive_a_restart(tmp_path):
    text = "蒋晓雯走访了樟村坑"
    assert Tokenizer(tmp_path).add_names(["樟村坑", "x", "太长太长太长太长太长太长太长"]) == ["樟村坑"]
    assert (tmp_path / "names.txt").read_text(encoding="utf-8").split() == ["樟村坑"]
    again = Tokenizer(tmp_path)
    assert "樟村坑" in again.tokenize(text)
    assert again.add_names(["樟村坑"]) == []
    assert "樟村坑" in again.proper_nouns(text)


def test_loading_prints_nothing_and_caches_inside_home(tmp_path):
    code = ("from rag.index.tokenize import Tokenizer; import sys; "
            f"Tokenizer(sys.argv[1]).tokenize('衢江区廿里镇')")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout == "" and out.stderr == ""
    assert list((tmp_path / "cache").glob("jieba*.cache"))


def test_local_and_learned_names_are_tagged_as_names_not_as_punctuation(tmp_path):
    # an untagged jieba word is tagged x, like punctuation: a sentence opening with a learned name then reads as
    # having no subject, and the briefing's cuts and subject checks fail on it
    tok = Tokenizer(home=tmp_path)
    tok.add_names(["柴成刚", "衢江区交投集团", "后山村"])
    tags = dict(tok.tags("柴成刚调研，衢江区交投集团和后山村、廿里镇参加"))
    assert tags["柴成刚"] == "nr" and tags["衢江区交投集团"] == "nt"
    assert tags["后山村"] == "ns" and tags["廿里镇"] == "ns"
    restarted = Tokenizer(home=tmp_path)  # names read back from names.txt keep their tags
    assert dict(restarted.tags("柴成刚调研"))["柴成刚"] == "nr"
    assert "柴成刚" in restarted.proper_nouns("柴成刚调研")


def test_verbs_are_told_by_the_dictionary(tmp_path):
    tok = Tokenizer(home=tmp_path)
    assert tok.is_verb("举行") and tok.is_verb("召开")
    assert not tok.is_verb("党委") and not tok.is_verb("座谈会") and not tok.is_verb("直")
