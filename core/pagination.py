from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """The page of `items` that ?page= asks for; a page number that is not a number or out of range never fails."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("page", "1")
    number = int(number) if number.isdigit() else 1
    return paginator.get_page(max(1, min(number, paginator.num_pages)))
