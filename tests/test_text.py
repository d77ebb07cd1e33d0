from kit.text import load_text


def test_oped_loads():
    assert len(load_text("oped").paragraphs) == 28
