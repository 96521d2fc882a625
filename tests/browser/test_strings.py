"""Our strings in Chromium: on a Spanish article, the feedback widget asks, explains and thanks in
Spanish, and what reaches the real collector is the reason's code, not its words."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

ES_SEED = "es/email-troubleshooting/password-issues-mac-mail-ios/"


def test_the_feedback_reasons_and_messages_are_spanish_on_a_spanish_article(page, feedback_site):
    posted = []
    page.on("request", lambda request: posted.append(json.loads(request.post_data))
            if request.method == "POST" and request.url == feedback_site.endpoint else None)
    page.goto(feedback_site.url + ES_SEED)
    page.locator("aside.kb-support").scroll_into_view_if_needed()
    form = page.locator("form.kb-feedback")
    form.wait_for(state="visible")
    assert form.get_by_role("heading").inner_text() == "¿Le ha resultado útil este artículo?"
    form.get_by_role("button", name="No", exact=True).click()
    reasons = form.get_by_role("group", name="¿Qué ha fallado?").get_by_role("radio")
    assert [reasons.nth(n).evaluate("input => input.labels[0].innerText.trim()") for n in range(reasons.count())] == [
        "Los pasos no funcionaron", "Está desactualizado", "Es difícil de seguir", "Falta información"]
    form.get_by_role("button", name="Enviar comentario").click()
    assert form.locator(".kb-feedback__error").inner_text() == (
        f"Escriba al menos {feedback_site.min_comment_length} caracteres para que sepamos qué corregir. Ha escrito 0.")
    form.get_by_role("radio", name="Está desactualizado").check()
    form.get_by_role("button", name="Enviar comentario").click()
    status = form.locator(".kb-feedback__status")
    status.filter(has_text="Gracias").wait_for()
    assert status.inner_text() == "Gracias por su comentario."
    assert [(body["answer"], body["reason"]) for body in posted] == [("no", "out_of_date")]
