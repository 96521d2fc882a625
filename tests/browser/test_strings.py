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


def open_widget(page, feedback_site, path: str):
    """The widget of `path` on the feedback site, once its script has wired it up."""
    page.goto(feedback_site.url + path)
    page.locator("aside.kb-support").scroll_into_view_if_needed()
    form = page.locator("form.kb-feedback")
    form.wait_for(state="visible")
    return form


@pytest.mark.provokes_traffic  # the collector's 422 and 400 are logged by the browser
def test_the_collectors_refusals_are_said_in_the_pages_language(page, feedback_site):
    """The collector refuses in English (its `message`); the reader of a Spanish page reads the
    refusal of a long comment in Spanish, beside the comment, with the collector's numbers as
    Spanish writes them, and the reader of an Arabic page a refused answer in Arabic."""
    form = open_widget(page, feedback_site, ES_SEED)
    form.get_by_role("button", name="No", exact=True).click()
    form.locator("textarea").fill("El menú ha cambiado. " * 101)  # 2,121 characters, 2,120 once trimmed
    form.get_by_role("button", name="Enviar comentario").click()
    error = form.get_by_role("alert")
    error.filter(has_text="2000").wait_for()
    assert error.inner_text() == "Su comentario puede tener como mucho 2000 caracteres. Ha escrito 2120."
    assert form.locator("textarea").get_attribute("aria-invalid") == "true"

    form = open_widget(page, feedback_site, "ar/" + ES_SEED.removeprefix("es/"))
    form.locator("input[name=website]").fill("https://autofill.example", force=True)
    form.get_by_role("button", name="نعم").click()
    status = form.get_by_role("status")
    status.filter(has_text="آلية").wait_for()
    assert status.inner_text() == "تبدو هذه الإجابة آلية، لذلك لم تُحفظ."
