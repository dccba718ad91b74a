// Questions and answers: a link to a question (#cau_…) opens its answer, on arrival and when
// the address changes; the browser itself scrolls to the question, whose title always shows.
// Without this script the answers still open by a tap on the question.
function openLinked() {
  const id = decodeURIComponent(location.hash.slice(1));
  const details = id ? document.getElementById(id)?.querySelector("details") : null;
  if (details) details.open = true;
}
openLinked();
window.addEventListener("hashchange", openLinked);
