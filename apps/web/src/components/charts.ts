import { BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';

Chart.register(BarElement, CategoryScale, Filler, Legend, LinearScale, LineElement, LogarithmicScale, PointElement, Tooltip);
// Charts sit in fixed-height boxes, so data arriving never moves the page.
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.animation = false;
