from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
@login_required
def dashboard(request):
    return render(request, "assessments/dashboard.html")


@require_GET
@login_required
def history(request):
    return render(request, "assessments/dashboard.html")
