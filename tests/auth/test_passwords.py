from app.auth.passwords import hash_password, password_problem, verify_password


def test_passwords_are_hashed_with_argon2id_and_verify():
    hashed = hash_password("lemon kite harbour")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "lemon kite harbour")
    assert not verify_password(hashed, "lemon kite harbor")
    assert not verify_password(None, "anything")


def test_length_beats_complexity():
    assert password_problem("lemon kite harbour") is None  # no digits or symbols needed
    assert "at least 8" in str(password_problem("a1!B"))


def test_common_passwords_are_refused_even_with_a_number_on_the_end():
    assert "too common" in str(password_problem("password"))
    assert "too common" in str(password_problem("football1"))
    assert "too common" in str(password_problem("Liverpool"))


def test_password_may_not_contain_the_username():
    assert "username" in str(password_problem("noorstar garden", username="noorstar"))
